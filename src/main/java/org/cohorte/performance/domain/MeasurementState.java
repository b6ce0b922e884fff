package org.cohorte.performance.domain;

/** Where a period's measurement stands in the review: awaited, entered, sent back by the validator, accepted. */
public enum MeasurementState {
    PENDING, SUBMITTED, SENT_BACK, ACCEPTED
}
