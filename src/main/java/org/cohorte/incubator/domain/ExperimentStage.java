package org.cohorte.incubator.domain;

/** Where an experiment stands; the board shows one column per {@link #column()}. */
public enum ExperimentStage {
    IN_REVIEW, CHANGES_REQUESTED, SECOND_REVIEW, TEST_CARD, RUNNING, LEARNING, DECISION, SCALED, STOPPED, REJECTED;

    public boolean isClosed() {
        return this == SCALED || this == STOPPED || this == REJECTED;
    }

    /** The board's column: proposal, test card, run, learning and decision, closed. */
    public String column() {
        return switch (this) {
            case IN_REVIEW, CHANGES_REQUESTED, SECOND_REVIEW -> "PROPOSAL";
            case TEST_CARD -> "TEST_CARD";
            case RUNNING -> "RUNNING";
            case LEARNING, DECISION -> "LEARNING";
            case SCALED -> "SCALED";
            case STOPPED, REJECTED -> "CLOSED";
        };
    }

    public static final java.util.List<String> COLUMNS =
            java.util.List.of("PROPOSAL", "TEST_CARD", "RUNNING", "LEARNING", "SCALED", "CLOSED");
}
