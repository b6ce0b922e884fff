package org.cohorte.blocker.domain;

/** What a blocker stands in the way of. */
public enum BlockerSource {
    /** An incubator experiment (declared at a weekly check-in). */
    EXPERIMENT,
    /** A performance indicator (declared when it is off track in a review). */
    INDICATOR
}
