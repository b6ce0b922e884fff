package org.cohorte.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles and the one-line figures every benchmark prints: name, value, unit (and a comparison). */
final class BenchmarkSupport {

    private BenchmarkSupport() {
    }

    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1_000_000.0;
    }

    static void figure(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "FIGURE %-44s %12.2f %s", name, value, unit));
    }

    static void figure(String name, double value, String unit, String comparison) {
        System.out.println(String.format(Locale.ROOT, "FIGURE %-44s %12.2f %s   (%s)", name, value, unit, comparison));
    }
}
