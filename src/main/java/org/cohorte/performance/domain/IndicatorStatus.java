package org.cohorte.performance.domain;

/** What indicator-status.dmn says of a measured value against the straight path from baseline to target. */
public enum IndicatorStatus {
    ON_TRACK, AT_RISK, OFF_TRACK
}
