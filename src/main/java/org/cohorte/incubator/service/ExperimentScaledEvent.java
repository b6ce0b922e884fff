package org.cohorte.incubator.service;

import java.util.UUID;

/**
 * Published, inside the deciding transaction, when the committee decides to scale an experiment: the
 * performance feature turns it into a draft indicator for the organization, so that what worked in the
 * incubator is then followed in the GAR reviews.
 *
 * @param threshold       the experiment's success criterion, which becomes the indicator's target
 * @param observedValue   the metric's last measured value, which becomes the indicator's baseline
 * @param higherIsBetter  the criterion's direction
 * @param sponsorId       the experiment's sponsor, proposed as the indicator's owner
 */
public record ExperimentScaledEvent(UUID experimentId, UUID organizationId, String title, String metric,
                                    String unit, double observedValue, double threshold, boolean higherIsBetter,
                                    String sponsorId) {
}
