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

    /**
     * Heap in use right after forced full collections (the benchmarks run with ParallelGC, where System.gc() is a
     * full, compacting GC), repeated until two in a row differ by less than 256 KB: the live set, garbage excluded.
     */
    static long liveHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            long now = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(now - used) < 256 * 1024) {
                return now;
            }
            used = now;
        }
        return used;
    }

    static void figure(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "FIGURE %-44s %12.2f %s", name, value, unit));
    }

    static void figure(String name, double value, String unit, String comparison) {
        System.out.println(String.format(Locale.ROOT, "FIGURE %-44s %12.2f %s   (%s)", name, value, unit, comparison));
    }
}
