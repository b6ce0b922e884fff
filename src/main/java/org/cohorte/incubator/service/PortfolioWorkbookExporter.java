package org.cohorte.incubator.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.cohorte.base.export.PrintLayout;
import org.cohorte.base.export.SpreadsheetText;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.incubator.domain.CheckIn;
import org.cohorte.incubator.domain.Decision;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.Iteration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incubator portfolio as an .xlsx workbook: experiments with their stage and last values, iterations,
 * decisions and weekly metric values. Streamed (SXSSF), only the experiments the user may see.
 */
@Component
public class PortfolioWorkbookExporter {

    private final IncubatorPortfolio portfolio;
    private final OrganizationService organizationService;
    private final CohorteI18NProvider i18n;

    public PortfolioWorkbookExporter(IncubatorPortfolio portfolio, OrganizationService organizationService,
                                     CohorteI18NProvider i18n) {
        this.portfolio = portfolio;
        this.organizationService = organizationService;
        this.i18n = i18n;
    }

    @Transactional(readOnly = true)
    public byte[] export(Collection<UUID> organizationIds, Locale locale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(organizationIds, locale, bytes);
        return bytes.toByteArray();
    }

    @Transactional(readOnly = true)
    public void write(Collection<UUID> organizationIds, Locale locale, OutputStream out) {
        IncubatorPortfolio.Portfolio data = portfolio.portfolio(organizationIds);
        Map<UUID, String> organizations = organizationService.refs().stream()
                .collect(Collectors.toMap(OrganizationRef::id, OrganizationRef::label));
        Function<String, String> t = key -> i18n.getTranslation(key, locale);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            // Titles, hypotheses, comments and names are typed by people: never let a spreadsheet run them.
            SpreadsheetText texts = new SpreadsheetText(workbook);
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            CellStyle number = workbook.createCellStyle();
            number.setDataFormat(workbook.createDataFormat().getFormat("#,##0.##"));

            Sheet experiments = sheet(workbook, texts, t.apply("incubator.export.sheet.experiments"), header, t,
                    "incubator.field.title", "incubator.field.organization", "incubator.field.stage",
                    "incubator.export.iterations", "incubator.export.lastDecision", "incubator.field.metric",
                    "incubator.field.unit", "incubator.field.threshold", "incubator.field.direction",
                    "incubator.export.lastValue", "incubator.field.durationWeeks", "incubator.field.budget",
                    "incubator.export.updatedAt");
            Sheet iterations = sheet(workbook, texts, t.apply("incubator.export.sheet.iterations"), header, t,
                    "incubator.field.title", "incubator.export.iteration", "incubator.testCard.weBelieve",
                    "incubator.testCard.weWill", "incubator.testCard.weMeasure", "incubator.testCard.weAreRightIf",
                    "incubator.learning.observed", "incubator.learning.insights", "incubator.learning.actions",
                    "incubator.decision.suggestion");
            Sheet decisions = sheet(workbook, texts, t.apply("incubator.export.sheet.decisions"), header, t,
                    "incubator.field.title", "incubator.export.iteration", "incubator.export.decision",
                    "incubator.decision.suggestion", "incubator.export.comment", "incubator.export.decidedBy",
                    "incubator.export.decidedAt");
            Sheet checkIns = sheet(workbook, texts, t.apply("incubator.export.sheet.checkIns"), header, t,
                    "incubator.field.title", "incubator.export.iteration", "incubator.checkIn.week",
                    "incubator.checkIn.metricValue", "incubator.field.unit", "incubator.checkIn.observations",
                    "incubator.export.recordedAt");
            int e = 1;
            int i = 1;
            int d = 1;
            int c = 1;
            for (IncubatorPortfolio.Portfolio.Row row : data.experiments()) {
                Experiment x = row.experiment();
                Row r = experiments.createRow(e++);
                text(texts, r, 0, x.getTitle());
                text(texts, r, 1, organizations.get(x.getOrganizationId()));
                text(texts, r, 2, t.apply("incubator.stage." + x.getStage().name()));
                r.createCell(3).setCellValue(row.iterations().size());
                text(texts, r, 4, row.lastDecision() == null ? null : t.apply("incubator.decision." + row.lastDecision()));
                text(texts, r, 5, x.getMetric());
                text(texts, r, 6, x.getMetricUnit());
                num(r, 7, x.getThreshold(), number);
                text(texts, r, 8, t.apply(x.isHigherIsBetter() ? "incubator.direction.higher" : "incubator.direction.lower"));
                num(r, 9, row.lastMetricValue(), number);
                r.createCell(10).setCellValue(x.getDurationWeeks());
                num(r, 11, x.getBudget(), number);
                when(r, 12, x.getUpdatedAt(), date);
                for (Iteration it : row.iterations()) {
                    Row ir = iterations.createRow(i++);
                    text(texts, ir, 0, x.getTitle());
                    ir.createCell(1).setCellValue(it.getNumber());
                    text(texts, ir, 2, it.getWeBelieve());
                    text(texts, ir, 3, it.getWeWill());
                    text(texts, ir, 4, it.getWeMeasure());
                    text(texts, ir, 5, it.getWeAreRightIf());
                    num(ir, 6, it.getObservedValue(), number);
                    text(texts, ir, 7, it.getInsights());
                    text(texts, ir, 8, it.getActions());
                    text(texts, ir, 9, it.getSuggestion() == null ? null : t.apply("incubator.decision." + it.getSuggestion()));
                }
                for (Decision dec : row.decisions()) {
                    Row dr = decisions.createRow(d++);
                    text(texts, dr, 0, x.getTitle());
                    if (dec.getIterationNumber() != null) {
                        dr.createCell(1).setCellValue(dec.getIterationNumber());
                    }
                    text(texts, dr, 2, t.apply("incubator.decision." + dec.getKind().name()));
                    text(texts, dr, 3, dec.getSuggestion() == null ? null : t.apply("incubator.decision." + dec.getSuggestion()));
                    text(texts, dr, 4, dec.getComment());
                    text(texts, dr, 5, dec.getDecidedBy());
                    when(dr, 6, dec.getDecidedAt(), date);
                }
                for (CheckIn ci : row.checkIns()) {
                    Row cr = checkIns.createRow(c++);
                    text(texts, cr, 0, x.getTitle());
                    cr.createCell(1).setCellValue(ci.getIterationNumber());
                    cr.createCell(2).setCellValue(ci.getWeek());
                    num(cr, 3, ci.getMetricValue(), number);
                    text(texts, cr, 4, x.getMetricUnit());
                    text(texts, cr, 5, ci.getObservations());
                    when(cr, 6, ci.getRecordedAt(), date);
                }
            }
            workbook.write(out);
            workbook.dispose();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Sheet sheet(SXSSFWorkbook workbook, SpreadsheetText texts, String name, CellStyle header,
                               Function<String, String> t, String... columns) {
        SXSSFSheet sheet = workbook.createSheet(name);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.length; i++) {
            texts.write(row, i, t.apply(columns[i]), header);
            sheet.setColumnWidth(i, 20 * 256);
        }
        sheet.createFreezePane(0, 1);
        PrintLayout.apply(sheet, 1, null);
        sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, columns.length - 1));
        return sheet;
    }

    private static void text(SpreadsheetText texts, Row row, int column, String value) {
        if (value != null) {
            texts.write(row, column, value);
        }
    }

    private static void num(Row row, int column, Double value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value);
            cell.setCellStyle(style);
        }
    }

    private static void when(Row row, int column, java.time.Instant value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(Date.from(value));
            cell.setCellStyle(style);
        }
    }
}
