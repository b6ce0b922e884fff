package org.cohorte.blocker.domain;

public enum BlockerStatus {
    OPEN, ASSIGNED, RESOLVED, ESCALATED;

    public boolean isOpen() {
        return this == OPEN || this == ASSIGNED || this == ESCALATED;
    }
}
