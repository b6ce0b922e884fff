package org.cohorte.incubator.domain;

import java.util.Set;
import java.util.UUID;

/** What a proposer fills in; checked by the service before it reaches an {@link Experiment}. */
public record ProposalData(String title, UUID organizationId, String sponsorId, Set<String> team, String problem,
                           String hypothesis, String metric, String metricUnit, Double threshold,
                           boolean higherIsBetter, int durationWeeks, double budget, String resources) {
}
