package org.cohorte.incubator.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An experiment as the steering room and the forum workbook see it. {@code stage} is the incubator's stage
 * name (for example PROPOSED, IN_REVIEW, TEST_CARD, RUNNING, LEARNING, DECIDED, SCALED, STOPPED).
 */
public record ExperimentSnapshot(UUID id, UUID organizationId, String title, String stage, int iterations,
                                 String lastDecision, Double lastMetricValue, String metricUnit, Instant updatedAt) {
}
