package org.cohorte.performance.service;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartLegend;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.export.PrintLayout;
import org.cohorte.base.export.SpreadsheetText;
import org.cohorte.incubator.api.ExperimentSnapshot;
import org.cohorte.performance.domain.IndicatorStatus;

/**
 * Lays out the forum workbook: a summary with formulas and a native bar chart, the indicators (values per
 * period, progress, coloured status, trend), one row per indicator and period, blockers, experiments, and a
 * sheet saying when, by whom and with which filters it was made. The small summary is built in memory; every
 * other sheet is streamed (SXSSF, {@value #WINDOW} rows in memory), so memory does not grow with the rows.
 */
public class ForumWorkbookWriter {

    static final int WINDOW = 100;
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Z][A-Z_]*");
    private static final ZoneId ZONE = ZoneId.of("America/Montreal");
    private static final Map<IndicatorStatus, byte[]> STATUS_COLOURS = new EnumMap<>(Map.of(
            IndicatorStatus.ON_TRACK, new byte[] {(byte) 0xC6, (byte) 0xEF, (byte) 0xCE},
            IndicatorStatus.AT_RISK, new byte[] {(byte) 0xFF, (byte) 0xEB, (byte) 0x9C},
            IndicatorStatus.OFF_TRACK, new byte[] {(byte) 0xFF, (byte) 0xC7, (byte) 0xCE}));

    private final ForumWorkbookData data;
    private final LongConsumer progress;

    private CellStyle header;
    private CellStyle title;
    private CellStyle number;
    private CellStyle integer;
    private CellStyle percent;
    private CellStyle date;
    private CellStyle dateTime;
    private CellStyle text;
    /** Every text cell goes through it, so that no user text is ever read as a formula. */
    private SpreadsheetText texts;
    private final Map<IndicatorStatus, CellStyle> statusStyles = new EnumMap<>(IndicatorStatus.class);

    /** @param progress told the number of indicator rows written so far (every 1 000 rows and at the end) */
    public ForumWorkbookWriter(ForumWorkbookData data, LongConsumer progress) {
        this.data = data;
        this.progress = progress == null ? n -> { } : progress;
    }

    private String l(String key) {
        return data.labels().apply("performance.workbook." + key);
    }

    private String blockerLabel(String key) {
        return l("blocker." + key);
    }

    public void write(OutputStream out) throws IOException {
        XSSFWorkbook template = new XSSFWorkbook();
        createStyles(template);
        // The streamed workbook shares the template's styles, so one helper serves both.
        texts = new SpreadsheetText(template);
        XSSFSheet summary = template.createSheet(l("sheet.summary"));
        writeSummary(summary);
        XSSFFormulaEvaluator.evaluateAllFormulaCells(template);
        SXSSFWorkbook workbook = new SXSSFWorkbook(template, WINDOW);
        workbook.setCompressTempFiles(true);
        try {
            SXSSFSheet indicators = workbook.createSheet(l("sheet.indicators"));
            SXSSFSheet measurements = workbook.createSheet(l("sheet.measurements"));
            writeIndicators(indicators, measurements);
            writeBlockers(workbook.createSheet(l("sheet.blockers")));
            writeExperiments(workbook.createSheet(l("sheet.experiments")));
            writeAbout(workbook.createSheet(l("sheet.about")));
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private void createStyles(Workbook workbook) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        ((XSSFCellStyle) header).setFillForegroundColor(new XSSFColor(new byte[] {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2}, null));
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = workbook.createCellStyle();
        title.setFont(big);
        var format = workbook.createDataFormat();
        number = workbook.createCellStyle();
        number.setDataFormat(format.getFormat("#,##0.00"));
        integer = workbook.createCellStyle();
        integer.setDataFormat(format.getFormat("#,##0"));
        percent = workbook.createCellStyle();
        percent.setDataFormat(format.getFormat("0.0%"));
        date = workbook.createCellStyle();
        date.setDataFormat(format.getFormat("yyyy-mm-dd"));
        dateTime = workbook.createCellStyle();
        dateTime.setDataFormat(format.getFormat("yyyy-mm-dd hh:mm"));
        text = workbook.createCellStyle();
        text.setWrapText(false);
        for (var entry : STATUS_COLOURS.entrySet()) {
            XSSFCellStyle style = (XSSFCellStyle) workbook.createCellStyle();
            style.setFillForegroundColor(new XSSFColor(entry.getValue(), null));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            statusStyles.put(entry.getKey(), style);
        }
    }

    private void writeSummary(XSSFSheet sheet) {
        Row titleRow = sheet.createRow(0);
        cell(titleRow, 0, l("title") + " — " + data.period(), title);
        Row subtitle = sheet.createRow(1);
        cell(subtitle, 0, l("generated") + " " + LocalDateTime.ofInstant(data.generatedAt(), ZONE).withNano(0)
                .toString().replace('T', ' ') + " — " + data.generatedBy(), text);
        int headerRow = 3;
        String[] headers = {l("organization"), l("status.ON_TRACK"), l("status.AT_RISK"), l("status.OFF_TRACK"),
                l("status.NONE"), l("total"), l("shareOnTrack"), l("openBlockers")};
        headerRow(sheet.createRow(headerRow), headers);
        int r = headerRow + 1;
        for (ForumWorkbookData.OrganizationSummary s : data.summary()) {
            Row row = sheet.createRow(r);
            int excel = r + 1;
            cell(row, 0, s.organization(), text);
            cell(row, 1, s.onTrack(), integer);
            cell(row, 2, s.atRisk(), integer);
            cell(row, 3, s.offTrack(), integer);
            cell(row, 4, s.notRated(), integer);
            formula(row, 5, "SUM(B" + excel + ":E" + excel + ")", integer);
            formula(row, 6, "IF(F" + excel + "=0,0,B" + excel + "/F" + excel + ")", percent);
            cell(row, 7, s.openBlockers(), integer);
            r++;
        }
        int first = headerRow + 2;
        int last = r;
        Row totals = sheet.createRow(r);
        cell(totals, 0, l("total"), header);
        for (int c = 1; c <= 5; c++) {
            String col = String.valueOf((char) ('A' + c));
            formula(totals, c, data.summary().isEmpty() ? "0" : "SUM(" + col + first + ":" + col + last + ")", integer);
        }
        formula(totals, 6, "IF(F" + (r + 1) + "=0,0,B" + (r + 1) + "/F" + (r + 1) + ")", percent);
        formula(totals, 7, data.summary().isEmpty() ? "0" : "SUM(H" + first + ":H" + last + ")", integer);
        sheet.createFreezePane(1, headerRow + 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, r - 1), 0, headers.length - 1));
        sheet.setColumnWidth(0, 40 * 256);
        for (int c = 1; c < headers.length; c++) {
            sheet.setColumnWidth(c, 14 * 256);
        }
        PrintLayout.apply(sheet, headerRow + 1, null);
        if (!data.summary().isEmpty()) {
            // The chart starts a page of its own, so printing never cuts it in two.
            sheet.setRowBreak(r);
            chart(sheet, headerRow, first - 1, last - 1, r + 2);
        }
    }

    /** A clustered bar chart of status counts per organization, native to Excel and LibreOffice. */
    private void chart(XSSFSheet sheet, int headerRow, int firstRow, int lastRow, int anchorRow) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, anchorRow, 8, anchorRow + 20);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(l("chart.title"));
        chart.setTitleOverlay(false);
        XDDFChartLegend legend = chart.getOrAddLegend();
        legend.setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
        values.setCrosses(org.apache.poi.xddf.usermodel.chart.AxisCrosses.AUTO_ZERO);
        XDDFDataSource<String> organizations = XDDFDataSourcesFactory.fromStringCellRange(sheet,
                new CellRangeAddress(firstRow, lastRow, 0, 0));
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
        bars.setBarDirection(BarDirection.COL);
        bars.setBarGrouping(BarGrouping.CLUSTERED);
        IndicatorStatus[] statuses = IndicatorStatus.values();
        for (int i = 0; i < statuses.length; i++) {
            XDDFNumericalDataSource<Double> counts = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    new CellRangeAddress(firstRow, lastRow, i + 1, i + 1));
            XDDFBarChartData.Series series = (XDDFBarChartData.Series) bars.addSeries(organizations, counts);
            series.setTitle(l("status." + statuses[i].name()),
                    new org.apache.poi.ss.util.CellReference(sheet.getSheetName(), headerRow, i + 1, true, true));
            series.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(darker(STATUS_COLOURS.get(statuses[i])))));
        }
        chart.plot(bars);
    }

    private static byte[] darker(byte[] rgb) {
        byte[] out = new byte[3];
        for (int i = 0; i < 3; i++) {
            out[i] = (byte) ((rgb[i] & 0xFF) * 3 / 4);
        }
        return out;
    }

    private void writeIndicators(SXSSFSheet wide, SXSSFSheet longSheet) {
        List<String> periods = data.periods();
        int fixed = 8;
        String[] headers = new String[fixed + periods.size() + 4];
        String[] base = {l("organization"), l("objective"), l("indicator"), l("unit"), l("direction"), l("baseline"),
                l("target"), l("targetDate")};
        System.arraycopy(base, 0, headers, 0, fixed);
        for (int i = 0; i < periods.size(); i++) {
            headers[fixed + i] = periods.get(i);
        }
        int progressCol = fixed + periods.size();
        headers[progressCol] = l("progress");
        headers[progressCol + 1] = l("status");
        headers[progressCol + 2] = l("trend");
        headers[progressCol + 3] = l("comment");
        headerRow(wide.createRow(0), headers);
        String[] longHeaders = {l("organization"), l("indicator"), l("period"), l("value"), l("unit"), l("status"),
                l("comment")};
        headerRow(longSheet.createRow(0), longHeaders);

        int r = 1;
        int lr = 1;
        long written = 0;
        for (ForumWorkbookData.IndicatorRow indicator : data.indicators()) {
            Row row = wide.createRow(r++);
            cell(row, 0, indicator.organization(), text);
            cell(row, 1, indicator.objective(), text);
            cell(row, 2, indicator.indicator(), text);
            cell(row, 3, indicator.unit(), text);
            cell(row, 4, l("direction." + indicator.direction()), text);
            cell(row, 5, indicator.baseline(), number);
            cell(row, 6, indicator.target(), number);
            if (indicator.targetDate() != null) {
                Cell c = row.createCell(7);
                c.setCellValue(indicator.targetDate());
                c.setCellStyle(date);
            }
            Double previous = null;
            Double lastValue = null;
            for (int i = 0; i < periods.size(); i++) {
                Double value = i < indicator.values().size() ? indicator.values().get(i) : null;
                if (value != null) {
                    cell(row, fixed + i, value, number);
                    previous = lastValue;
                    lastValue = value;
                    Row m = longSheet.createRow(lr++);
                    cell(m, 0, indicator.organization(), text);
                    cell(m, 1, indicator.indicator(), text);
                    cell(m, 2, periods.get(i), text);
                    cell(m, 3, value, number);
                    cell(m, 4, indicator.unit(), text);
                    String status = i < indicator.statuses().size() ? indicator.statuses().get(i) : null;
                    statusCell(m, 5, status);
                    String comment = i < indicator.comments().size() ? indicator.comments().get(i) : null;
                    if (comment != null) {
                        cell(m, 6, comment, text);
                    }
                }
            }
            if (indicator.progress() != null) {
                cell(row, progressCol, indicator.progress(), percent);
            }
            statusCell(row, progressCol + 1, indicator.status());
            cell(row, progressCol + 2, trend(previous, lastValue, indicator.direction()), text);
            String lastComment = lastNonNull(indicator.comments());
            if (lastComment != null) {
                cell(row, progressCol + 3, lastComment, text);
            }
            written++;
            if (written % 1000 == 0) {
                progress.accept(written);
            }
        }
        progress.accept(written);
        finishTable(wide, headers.length, r, 3);
        finishTable(longSheet, longHeaders.length, lr, 2);
        int[] wideWidths = {28, 30, 36, 10, 12, 12, 12, 12};
        for (int c = 0; c < fixed; c++) {
            wide.setColumnWidth(c, wideWidths[c] * 256);
        }
        for (int c = fixed; c < headers.length; c++) {
            wide.setColumnWidth(c, 12 * 256);
        }
        wide.setColumnWidth(progressCol + 1, 16 * 256);
        wide.setColumnWidth(progressCol + 3, 50 * 256);
        int[] longWidths = {28, 36, 10, 12, 10, 16, 50};
        for (int c = 0; c < longWidths.length; c++) {
            longSheet.setColumnWidth(c, longWidths[c] * 256);
        }
    }

    private static String lastNonNull(List<String> values) {
        for (int i = values.size() - 1; i >= 0; i--) {
            if (values.get(i) != null) {
                return values.get(i);
            }
        }
        return null;
    }

    /** ↗ better, ↘ worse, → unchanged, against the indicator's direction. */
    static String trend(Double previous, Double last, String direction) {
        if (previous == null || last == null) {
            return "";
        }
        int sign = Double.compare(last, previous) * ("LOWER".equals(direction) ? -1 : 1);
        return sign > 0 ? "↗" : sign < 0 ? "↘" : "→";
    }

    private void statusCell(Row row, int column, String status) {
        if (status == null) {
            cell(row, column, l("status.NONE"), text);
            return;
        }
        IndicatorStatus value = IndicatorStatus.valueOf(status);
        cell(row, column, l("status." + status), statusStyles.get(value));
    }

    private void writeBlockers(SXSSFSheet sheet) {
        String[] headers = {l("organization"), l("blockerSource"), l("blockerTitle"), l("status"),
                l("blockerDeclared"), l("blockerAge"), l("blockerSla"), l("blockerOverdue"), l("blockerAssignee"),
                l("blockerEscalated")};
        headerRow(sheet.createRow(0), headers);
        int r = 1;
        for (ForumWorkbookData.BlockerRow b : data.blockers()) {
            Row row = sheet.createRow(r++);
            cell(row, 0, b.organization(), text);
            cell(row, 1, data.labels().apply("blocker.source." + b.source()), text);
            cell(row, 2, b.title(), text);
            cell(row, 3, data.labels().apply("blocker.status." + b.status()),
                    "ESCALATED".equals(b.status()) ? statusStyles.get(IndicatorStatus.OFF_TRACK) : text);
            instant(row, 4, b.declaredAt());
            cell(row, 5, b.ageDays(), integer);
            instant(row, 6, b.slaDueAt());
            cell(row, 7, l(b.overdue() ? "yes" : "no"), b.overdue() ? statusStyles.get(IndicatorStatus.AT_RISK) : text);
            if (b.assignee() != null) {
                cell(row, 8, b.assignee(), text);
            }
            instant(row, 9, b.escalatedAt());
        }
        finishTable(sheet, headers.length, r, 0);
        int[] widths = {28, 14, 40, 18, 17, 10, 17, 10, 20, 17};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
    }

    private void writeExperiments(SXSSFSheet sheet) {
        String[] headers = {l("organization"), l("experiment.title"), l("experiment.stage"), l("experiment.iterations"),
                l("experiment.decision"), l("experiment.metric"), l("unit"), l("experiment.updated")};
        headerRow(sheet.createRow(0), headers);
        int r = 1;
        for (ExperimentSnapshot e : data.experiments()) {
            Row row = sheet.createRow(r++);
            cell(row, 0, e.organizationId() == null ? "" : organizationName(e), text);
            cell(row, 1, e.title(), text);
            cell(row, 2, code("incubator.stage.", e.stage()), text);
            cell(row, 3, e.iterations(), integer);
            if (e.lastDecision() != null) {
                cell(row, 4, code("incubator.decision.", e.lastDecision()), text);
            }
            if (e.lastMetricValue() != null) {
                cell(row, 5, e.lastMetricValue(), number);
            }
            if (e.metricUnit() != null) {
                cell(row, 6, e.metricUnit(), text);
            }
            instant(row, 7, e.updatedAt());
        }
        finishTable(sheet, headers.length, r, 0);
        int[] widths = {28, 40, 14, 10, 16, 12, 10, 17};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
    }

    /** A code (SCALED, PERSEVERE…) in the reader's words; anything that is not a known code is shown as it is. */
    private String code(String prefix, String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            return value;
        }
        String label = data.labels().apply(prefix + value);
        return label == null || label.isBlank() || label.contains(prefix) ? value : label;
    }

    private String organizationName(ExperimentSnapshot e) {
        return data.organizationNames().getOrDefault(e.organizationId(), "");
    }

    private void writeAbout(SXSSFSheet sheet) {
        Object[][] lines = {
                {l("about.generatedAt"), data.generatedAt()},
                {l("about.generatedBy"), data.generatedBy()},
                {l("about.period"), data.period()},
                {l("about.organizations"), data.organizationFilter().isEmpty() ? l("about.all")
                        : String.join(", ", data.organizationFilter())},
                {l("about.indicators"), data.indicatorCount()},
                {l("about.blockers"), (long) data.blockers().size()},
                {l("about.experiments"), (long) data.experiments().size()},
                {l("about.source"), "Cohorte"}};
        headerRow(sheet.createRow(0), new String[] {l("about.what"), l("about.value")});
        int r = 1;
        for (Object[] line : lines) {
            Row row = sheet.createRow(r++);
            cell(row, 0, (String) line[0], header);
            if (line[1] instanceof Instant instant) {
                instant(row, 1, instant);
            } else if (line[1] instanceof Long n) {
                cell(row, 1, n, integer);
            } else {
                cell(row, 1, String.valueOf(line[1]), text);
            }
        }
        sheet.createFreezePane(0, 1);
        PrintLayout.apply(sheet, 1, null);
        sheet.setColumnWidth(0, 30 * 256);
        sheet.setColumnWidth(1, 80 * 256);
    }

    private void headerRow(Row row, String[] headers) {
        for (int c = 0; c < headers.length; c++) {
            cell(row, c, headers[c], header);
        }
    }

    private static void finishTable(Sheet sheet, int columns, int rows, int frozenColumns) {
        sheet.createFreezePane(frozenColumns, 1);
        PrintLayout.apply(sheet, 1, null);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, columns - 1));
    }

    private void cell(Row row, int column, String value, CellStyle style) {
        texts.write(row, column, value == null ? "" : value, style);
    }

    private static void cell(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void formula(Row row, int column, String formula, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellFormula(formula);
        cell.setCellStyle(style);
    }

    private void instant(Row row, int column, Instant value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(LocalDateTime.ofInstant(value, ZONE));
            cell.setCellStyle(dateTime);
        }
    }
}
