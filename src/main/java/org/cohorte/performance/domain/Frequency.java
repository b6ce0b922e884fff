package org.cohorte.performance.domain;

/** How often an indicator is measured; reviews are quarterly and include the indicators due that quarter. */
public enum Frequency {
    MONTHLY, QUARTERLY, SEMIANNUAL, ANNUAL;

    /** Whether an indicator of this frequency is measured in the review of the given quarter (1 to 4). */
    public boolean dueInQuarter(int quarter) {
        return switch (this) {
            case MONTHLY, QUARTERLY -> true;
            case SEMIANNUAL -> quarter == 2 || quarter == 4;
            case ANNUAL -> quarter == 4;
        };
    }
}
