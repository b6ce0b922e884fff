package org.cohorte.bench;

import static org.cohorte.bench.BenchmarkSupport.figure;
import static org.cohorte.bench.BenchmarkSupport.liveHeap;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.performance.service.ForumWorkbookData;
import org.cohorte.performance.service.ForumWorkbookData.IndicatorRow;
import org.cohorte.performance.service.ForumWorkbookWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The forum workbook with {@value #INDICATORS} indicators over {@value #PERIODS} periods ({@code 100 000}
 * indicator-period rows in the measurements sheet, plus one wide row per indicator), produced lazily so that
 * only the writer holds memory; next to a bare POI SXSSF program writing the same cells with the same styles,
 * runs alternating. Time is the median of the runs; peak heap is the JVM's heap-pool peak during a run
 * (garbage included, so it follows the young generation's size). What a run keeps alive is measured apart:
 * the same export in a child JVM limited to 64 MB, as the largest heap occupancy right after a collection; and the
 * HEAP GROWTH (see {@link #heapGrowth}): live heap sampled after forced full GCs during the export, minus before.
 * Also 10 000 rows, to show that memory does not grow with rows.
 */
@Tag("benchmark")
class ForumWorkbookBenchmark {

    static final int INDICATORS = Integer.getInteger("bench.forum.indicators", 25_000);
    static final int PERIODS = 4;
    static final int RUNS = Integer.getInteger("bench.forum.runs", 5);
    static final List<String> PERIOD_LABELS = List.of("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2");
    static final String[] STATUSES = {"ON_TRACK", "AT_RISK", "OFF_TRACK"};

    private static IndicatorRow row(int i) {
        Runnable hook = rowHook;
        if (hook != null && i > 0 && i % hookEvery == 0) {
            hook.run();
        }
        List<Double> values = new ArrayList<>(PERIODS);
        List<String> statuses = new ArrayList<>(PERIODS);
        List<String> comments = new ArrayList<>(PERIODS);
        for (int p = 0; p < PERIODS; p++) {
            values.add(10.0 + (i % 50) + p * 2.5);
            statuses.add(STATUSES[(i + p) % 3]);
            comments.add(p == PERIODS - 1 ? "Commentaire " + i : null);
        }
        return new IndicatorRow("Organisation " + (i % 40), "Objectif " + (i % 200), "Indicateur " + i, "%",
                i % 2 == 0 ? "HIGHER" : "LOWER", 10, 90, LocalDate.of(2027, 3, 31), values, statuses, comments,
                0.25 + (i % 10) / 20.0, STATUSES[(i + PERIODS - 1) % 3]);
    }

    private static Iterable<IndicatorRow> rows(int count) {
        return () -> new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public IndicatorRow next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return row(next++);
            }
        };
    }

    private static ForumWorkbookData data(int indicators) {
        CohorteI18NProvider i18n = new CohorteI18NProvider();
        List<ForumWorkbookData.OrganizationSummary> summary = new ArrayList<>();
        for (int o = 0; o < 40; o++) {
            summary.add(new ForumWorkbookData.OrganizationSummary("Organisation " + o, indicators / 120, indicators / 120,
                    indicators / 120, 0, o % 3));
        }
        return new ForumWorkbookData(Instant.now(), "bench", "2026-Q2", PERIOD_LABELS, List.of(), summary, indicators,
                rows(indicators), List.of(), List.of(), Map.of(), key -> i18n.getTranslation(key, Locale.FRENCH));
    }

    /** Called by {@link #row} every {@link #hookEvery} rows while heap growth is measured (both sides read rows there). */
    private static volatile Runnable rowHook;
    private static volatile int hookEvery = Integer.MAX_VALUE;

    /** Cohorte's writer. */
    private static void cohorte(int indicators, OutputStream out) throws IOException {
        new ForumWorkbookWriter(data(indicators), null).write(out);
    }

    /** The same two big sheets' cells, styles, freeze panes and filters, straight with POI. */
    private static void barePoi(int indicators, OutputStream out) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            wb.setCompressTempFiles(true);
            var format = wb.createDataFormat();
            CellStyle number = wb.createCellStyle();
            number.setDataFormat(format.getFormat("#,##0.00"));
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(format.getFormat("0.0%"));
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(format.getFormat("yyyy-mm-dd"));
            CellStyle header = wb.createCellStyle();
            var bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle[] status = new CellStyle[3];
            byte[][] colours = {{(byte) 0xC6, (byte) 0xEF, (byte) 0xCE}, {(byte) 0xFF, (byte) 0xEB, (byte) 0x9C},
                    {(byte) 0xFF, (byte) 0xC7, (byte) 0xCE}};
            for (int s = 0; s < 3; s++) {
                XSSFCellStyle style = (XSSFCellStyle) wb.createCellStyle();
                style.setFillForegroundColor(new XSSFColor(colours[s], null));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                status[s] = style;
            }
            SXSSFSheet wide = wb.createSheet("Indicateurs");
            SXSSFSheet longSheet = wb.createSheet("Mesures");
            Row h = wide.createRow(0);
            for (int c = 0; c < 16; c++) {
                Cell cell = h.createCell(c);
                cell.setCellValue("Colonne " + c);
                cell.setCellStyle(header);
            }
            Row lh = longSheet.createRow(0);
            for (int c = 0; c < 7; c++) {
                Cell cell = lh.createCell(c);
                cell.setCellValue("Colonne " + c);
                cell.setCellStyle(header);
            }
            int lr = 1;
            for (int i = 0; i < indicators; i++) {
                IndicatorRow d = row(i);
                Row r = wide.createRow(i + 1);
                r.createCell(0).setCellValue(d.organization());
                r.createCell(1).setCellValue(d.objective());
                r.createCell(2).setCellValue(d.indicator());
                r.createCell(3).setCellValue(d.unit());
                r.createCell(4).setCellValue(d.direction().equals("HIGHER") ? "Hausse souhaitée" : "Baisse souhaitée");
                styled(r, 5, d.baseline(), number);
                styled(r, 6, d.target(), number);
                Cell td = r.createCell(7);
                td.setCellValue(d.targetDate());
                td.setCellStyle(date);
                for (int p = 0; p < PERIODS; p++) {
                    styled(r, 8 + p, d.values().get(p), number);
                    Row m = longSheet.createRow(lr++);
                    m.createCell(0).setCellValue(d.organization());
                    m.createCell(1).setCellValue(d.indicator());
                    m.createCell(2).setCellValue(PERIOD_LABELS.get(p));
                    styled(m, 3, d.values().get(p), number);
                    m.createCell(4).setCellValue(d.unit());
                    Cell st = m.createCell(5);
                    st.setCellValue(d.statuses().get(p));
                    st.setCellStyle(status[Arrays.asList(STATUSES).indexOf(d.statuses().get(p))]);
                    if (d.comments().get(p) != null) {
                        m.createCell(6).setCellValue(d.comments().get(p));
                    }
                }
                styled(r, 12, d.progress(), percent);
                Cell st = r.createCell(13);
                st.setCellValue(d.status());
                st.setCellStyle(status[Arrays.asList(STATUSES).indexOf(d.status())]);
                r.createCell(14).setCellValue("↗");
                r.createCell(15).setCellValue(d.comments().get(PERIODS - 1));
            }
            wide.createFreezePane(3, 1);
            wide.setAutoFilter(new CellRangeAddress(0, indicators, 0, 15));
            longSheet.createFreezePane(2, 1);
            longSheet.setAutoFilter(new CellRangeAddress(0, lr - 1, 0, 6));
            wb.write(out);
            wb.dispose();
        }
    }

    private static void styled(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    interface Export {
        void run(int indicators, OutputStream out) throws IOException;
    }

    record Run(long nanos, long peakHeap, long peakAfterGc, long bytes) {
    }

    /** The largest heap occupancy right after a collection while a run is measured: what the run keeps alive. */
    private static final java.util.concurrent.atomic.AtomicLong AFTER_GC = new java.util.concurrent.atomic.AtomicLong();
    private static volatile boolean measuring;

    static {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!measuring || !com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                    AFTER_GC.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    private static Run measure(Export export, int indicators) throws IOException {
        Path file = Files.createTempFile("forum-bench", ".xlsx");
        try {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            AFTER_GC.set(0);
            measuring = true;
            long start = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(file)) {
                export.run(indicators, out);
            }
            long nanos = System.nanoTime() - start;
            measuring = false;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Run(nanos, peak, AFTER_GC.get(), Files.size(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * HEAP GROWTH of one export: the largest live heap seen while it runs minus the live heap just before it.
     * "Live heap" is the heap in use right after forced full GCs, so garbage does not count: it is what the
     * export holds at that moment (the writer's row window, styles, buffers, the temp-file streams, our data
     * paging). It is sampled (a) at every tenth of the rows, from inside the row source both sides read, and
     * (b) every second by a sampler thread, which also covers the final zip/write phase. What happens between
     * samples is not seen, so a short spike could be missed; 9+ samples per run are required. The export runs
     * slower meanwhile (each sample is a full GC), which is why these runs are separate from the timed ones.
     */
    private static long heapGrowth(Export export, int indicators) throws Exception {
        Path file = Files.createTempFile("forum-bench-growth", ".xlsx");
        try {
            long baseline = liveHeap();
            java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong(baseline);
            java.util.concurrent.atomic.AtomicInteger samples = new java.util.concurrent.atomic.AtomicInteger();
            Runnable sample = () -> {
                max.accumulateAndGet(liveHeap(), Math::max);
                samples.incrementAndGet();
            };
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    sample.run();
                    try {
                        // Each sample is a full GC of the whole JVM (~0.3 s here with a Spring context loaded):
                        // sampling faster would starve the export.
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            hookEvery = Math.max(1, indicators / 10);
            rowHook = sample;
            sampler.start();
            try (OutputStream out = Files.newOutputStream(file)) {
                export.run(indicators, out);
            } finally {
                rowHook = null;
                hookEvery = Integer.MAX_VALUE;
                running.set(false);
                sampler.join();
            }
            if (samples.get() < 9) {
                throw new IllegalStateException("Only " + samples.get() + " heap samples: the growth would mean nothing");
            }
            return max.get() - baseline;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /**
     * Runs one export in a child JVM with a small heap ({@value #SMALL_HEAP}) and returns the largest heap
     * occupancy after a collection: with a heap that small, collections are frequent and this is the live set.
     */
    static final String SMALL_HEAP = "-Xmx64m";

    private static long liveSetInSmallHeap(String mode, int indicators) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), SMALL_HEAP, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), mode, String.valueOf(indicators))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mode + " failed in " + SMALL_HEAP + ": " + output);
        }
        return Long.parseLong(output.lines().filter(l -> l.startsWith("LIVE ")).findFirst().orElseThrow().substring(5).trim());
    }

    /** The child JVM's entry point. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            int indicators = Integer.parseInt(args[1]);
            Path file = Files.createTempFile("forum-bench-child", ".xlsx");
            measuring = true;
            try (OutputStream out = Files.newOutputStream(file)) {
                if (args[0].equals("cohorte")) {
                    cohorte(indicators, out);
                } else {
                    barePoi(indicators, out);
                }
            } finally {
                measuring = false;
                Files.deleteIfExists(file);
            }
            System.out.println("LIVE " + AFTER_GC.get());
        }
    }

    @Test
    void forum_workbook_with_a_hundred_thousand_indicator_period_rows() throws Exception {
        int rows = INDICATORS * PERIODS;
        figure("forum.workbook.indicatorPeriodRows", rows, "rows");
        figure("forum.workbook.maxHeap", Runtime.getRuntime().maxMemory() / 1048576.0, "MB");
        // Warm-up, alternating.
        for (int i = 0; i < 2; i++) {
            measure(ForumWorkbookBenchmark::cohorte, INDICATORS / 10);
            measure(ForumWorkbookBenchmark::barePoi, INDICATORS / 10);
        }
        for (int size : new int[] {INDICATORS / 10, INDICATORS}) {
            List<Long> ours = new ArrayList<>();
            List<Long> bare = new ArrayList<>();
            List<Long> oursPeak = new ArrayList<>();
            List<Long> barePeak = new ArrayList<>();

            long oursBytes = 0;
            long bareBytes = 0;
            for (int i = 0; i < RUNS; i++) {
                Run a = measure(ForumWorkbookBenchmark::cohorte, size);
                Run b = measure(ForumWorkbookBenchmark::barePoi, size);
                ours.add(a.nanos());
                bare.add(b.nanos());
                oursPeak.add(a.peakHeap());
                barePeak.add(b.peakHeap());

                oursBytes = a.bytes();
                bareBytes = b.bytes();
            }
            String n = String.valueOf(size * PERIODS);
            double oursMs = median(ours) / 1e6;
            double bareMs = median(bare) / 1e6;
            figure("forum.workbook." + n + ".cohorte.median", oursMs, "ms");
            figure("forum.workbook." + n + ".barePoi.median", bareMs, "ms");
            figure("forum.workbook." + n + ".timeRatio", oursMs / bareMs, "x", "Cohorte / bare POI");
            figure("forum.workbook." + n + ".cohorte.peakHeap", median(oursPeak) / 1048576.0, "MB");
            figure("forum.workbook." + n + ".barePoi.peakHeap", median(barePeak) / 1048576.0, "MB");
            figure("forum.workbook." + n + ".heapRatio", median(oursPeak) / median(barePeak), "x", "Cohorte / bare POI");
            // Heap growth: two runs each, alternating, the larger growth of each side kept.
            long oursGrowth = 0;
            long bareGrowth = 0;
            for (int i = 0; i < 2; i++) {
                oursGrowth = Math.max(oursGrowth, heapGrowth(ForumWorkbookBenchmark::cohorte, size));
                bareGrowth = Math.max(bareGrowth, heapGrowth(ForumWorkbookBenchmark::barePoi, size));
            }
            figure("forum.workbook." + n + ".cohorte.heapGrowth", oursGrowth / 1048576.0, "MB",
                    "max live heap during the export minus before, goal < 100 MB");
            figure("forum.workbook." + n + ".barePoi.heapGrowth", bareGrowth / 1048576.0, "MB",
                    "max live heap during the export minus before");
            long oursSmall = liveSetInSmallHeap("cohorte", size);
            long bareSmall = liveSetInSmallHeap("bare", size);
            figure("forum.workbook." + n + ".cohorte.liveHeapIn64MB", oursSmall / 1048576.0, "MB", "max heap after GC, -Xmx64m");
            figure("forum.workbook." + n + ".barePoi.liveHeapIn64MB", bareSmall / 1048576.0, "MB", "max heap after GC, -Xmx64m");
            figure("forum.workbook." + n + ".cohorte.fileSize", oursBytes / 1048576.0, "MB");
            figure("forum.workbook." + n + ".barePoi.fileSize", bareBytes / 1048576.0, "MB");
        }
    }
}
