package org.cohorte.performance.domain;

/** Whether a higher or a lower value of an indicator is better. */
public enum Direction {
    HIGHER, LOWER
}
