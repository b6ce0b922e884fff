package org.cohorte.performance.domain;

public enum ReviewStatus {
    IN_PROGRESS, SIGNED_OFF, PUBLISHED
}
