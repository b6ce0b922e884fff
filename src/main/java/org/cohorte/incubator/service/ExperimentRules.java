package org.cohorte.incubator.service;

/** The incubator's arithmetic, kept apart so that it is tested on its own. */
public final class ExperimentRules {

    /** Days the team has, after the last weekly check-in, before the period ends and the learning card opens. */
    public static final int GRACE_DAYS = 2;

    private ExperimentRules() {
    }

    /**
     * How far the observed value went towards the success criterion, in percent (100 = reached or beaten),
     * in the criterion's direction. The decision table reads this.
     */
    public static double attainment(double observed, double threshold, boolean higherIsBetter) {
        if (higherIsBetter) {
            if (observed >= threshold) {
                return 100;
            }
            return threshold <= 0 ? 0 : Math.max(0, 100 * observed / threshold);
        }
        if (observed <= threshold) {
            return 100;
        }
        return observed <= 0 ? 0 : Math.max(0, 100 * threshold / observed);
    }

    /** The check-in timer cycle for a run of so many weeks: one check-in a week. */
    public static String checkInCycle(int weeks) {
        return "R" + weeks + "/P7D";
    }
}
