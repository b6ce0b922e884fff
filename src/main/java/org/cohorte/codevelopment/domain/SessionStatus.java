package org.cohorte.codevelopment.domain;

public enum SessionStatus {
    /** Launched; the client prepares the case, the facilitator has not opened the session yet. */
    PREPARATION,
    /** One of the six steps is under way. */
    RUNNING,
    /** The six steps are done; the client's follow-up is due later. */
    FOLLOW_UP,
    CLOSED,
    CANCELLED
}
