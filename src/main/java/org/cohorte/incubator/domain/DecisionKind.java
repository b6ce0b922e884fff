package org.cohorte.incubator.domain;

/** What the committee decided: on a proposal (review, second level) or at the end of a run. */
public enum DecisionKind {
    APPROVE, REQUEST_CHANGES, REJECT, SECOND_LEVEL_APPROVE, SECOND_LEVEL_REQUEST_CHANGES, SECOND_LEVEL_REJECT,
    PERSEVERE, PIVOT, SCALE, STOP;

    /** The four outcomes of a run. */
    public boolean isRunOutcome() {
        return this == PERSEVERE || this == PIVOT || this == SCALE || this == STOP;
    }
}
