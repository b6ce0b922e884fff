package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.incubator.api.ExperimentSnapshot;
import org.cohorte.performance.service.ForumWorkbookData;
import org.cohorte.performance.service.ForumWorkbookData.BlockerRow;
import org.cohorte.performance.service.ForumWorkbookData.IndicatorRow;
import org.cohorte.performance.service.ForumWorkbookData.OrganizationSummary;
import org.cohorte.performance.service.ForumWorkbookWriter;
import org.cohorte.testsupport.SpreadsheetChecks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The forum workbook reopened with POI: values, styles, formulas, chart; and opened by LibreOffice. */
class ForumWorkbookWriterTest {

    private static final CohorteI18NProvider I18N = new CohorteI18NProvider();
    static final UUID MSSS = UUID.randomUUID();
    static final UUID SCT = UUID.randomUUID();

    static ForumWorkbookData sample(Locale locale) {
        List<IndicatorRow> rows = List.of(
                new IndicatorRow("MSSS", "Accès aux soins", "Délai moyen d’attente", "jours", "LOWER", 100, 60,
                        LocalDate.of(2026, 12, 31), Arrays.asList(null, 95.0, 88.0, 79.5),
                        Arrays.asList(null, "ON_TRACK", "AT_RISK", "ON_TRACK"), Arrays.asList(null, null, "Renfort", "Tendance bonne"),
                        0.5125, "ON_TRACK"),
                new IndicatorRow("MSSS", "Accès aux soins", "Patients inscrits", "%", "HIGHER", 70, 90,
                        LocalDate.of(2026, 12, 31), Arrays.asList(71.0, 72.0, 72.0, 71.0),
                        Arrays.asList("ON_TRACK", "AT_RISK", "OFF_TRACK", "OFF_TRACK"), Arrays.asList(null, null, null, null),
                        0.05, "OFF_TRACK"),
                new IndicatorRow("SCT", "Services numériques", "Démarches en ligne", "nombre", "HIGHER", 10, 40,
                        LocalDate.of(2027, 6, 30), Arrays.asList(null, null, null, null),
                        Arrays.asList(null, null, null, null), Arrays.asList(null, null, null, null), null, null));
        return new ForumWorkbookData(Instant.parse("2026-07-10T14:30:00Z"), "Hélène Morin (forum)", "2026-Q2",
                List.of("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"), List.of("MSSS", "SCT"),
                List.of(new OrganizationSummary("MSSS", 1, 0, 1, 0, 1), new OrganizationSummary("SCT", 0, 0, 0, 1, 0)),
                rows.size(), rows,
                List.of(new BlockerRow("MSSS", "INDICATOR", "Postes non comblés", "ESCALATED",
                        Instant.parse("2026-05-01T13:00:00Z"), 70, Instant.parse("2026-05-15T13:00:00Z"), true,
                        "Paul Côté", Instant.parse("2026-05-15T13:00:00Z"))),
                List.of(new ExperimentSnapshot(UUID.randomUUID(), SCT, "Clavardage citoyen", "SCALED", 2, "SCALE",
                        42.0, "%", Instant.parse("2026-06-30T12:00:00Z"))),
                Map.of(MSSS, "MSSS", SCT, "SCT"), key -> I18N.getTranslation(key, locale));
    }

    static byte[] write(ForumWorkbookData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ForumWorkbookWriter(data, null).write(out);
        return out.toByteArray();
    }

    @Test
    void the_workbook_has_every_sheet_with_values_styles_formulas_and_a_chart() throws IOException {
        List<Long> progress = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ForumWorkbookWriter(sample(Locale.FRENCH), progress::add).write(out);
        assertThat(progress).containsExactly(3L);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2),
                    workbook.getSheetName(3), workbook.getSheetName(4), workbook.getSheetName(5)))
                    .containsExactly("Synthèse", "Indicateurs", "Mesures", "Obstacles", "Expérimentations", "À propos");

            XSSFSheet summary = workbook.getSheet("Synthèse");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Cahier du forum GAR — 2026-Q2");
            assertThat(summary.getRow(3).getCell(1).getStringCellValue()).isEqualTo("Sur la cible");
            assertThat(summary.getRow(4).getCell(0).getStringCellValue()).isEqualTo("MSSS");
            assertThat(summary.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(1);
            XSSFCell total = summary.getRow(4).getCell(5);
            assertThat(total.getCellType()).isEqualTo(CellType.FORMULA);
            assertThat(total.getCellFormula()).isEqualTo("SUM(B5:E5)");
            assertThat(total.getNumericCellValue()).isEqualTo(2);
            XSSFCell share = summary.getRow(4).getCell(6);
            assertThat(share.getCellFormula()).isEqualTo("IF(F5=0,0,B5/F5)");
            assertThat(share.getNumericCellValue()).isEqualTo(0.5);
            assertThat(share.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            XSSFCell grandTotal = summary.getRow(6).getCell(5);
            assertThat(grandTotal.getCellFormula()).isEqualTo("SUM(F5:F6)");
            assertThat(grandTotal.getNumericCellValue()).isEqualTo(3);
            assertThat(summary.getRow(6).getCell(7).getNumericCellValue()).isEqualTo(1);
            assertThat(summary.getPaneInformation().isFreezePane()).isTrue();
            assertThat(summary.getCTWorksheet().isSetAutoFilter()).isTrue();
            assertThat(summary.getColumnWidth(0)).isEqualTo(40 * 256);
            var charts = summary.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            assertThat(charts.get(0).getChartSeries().get(0).getSeriesCount()).isEqualTo(3);
            assertThat(charts.get(0).getTitleText().getString()).isEqualTo("Statut des indicateurs par organisation");

            XSSFSheet indicators = workbook.getSheet("Indicateurs");
            assertThat(indicators.getRow(0).getCell(8).getStringCellValue()).isEqualTo("2025-Q3");
            assertThat(indicators.getRow(0).getCell(13).getStringCellValue()).isEqualTo("Statut");
            var delay = indicators.getRow(1);
            assertThat(delay.getCell(2).getStringCellValue()).isEqualTo("Délai moyen d’attente");
            assertThat(delay.getCell(4).getStringCellValue()).isEqualTo("Baisse souhaitée");
            assertThat(delay.getCell(8)).isNull();
            assertThat(delay.getCell(11).getNumericCellValue()).isEqualTo(79.5);
            assertThat(delay.getCell(11).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(delay.getCell(7).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(delay.getCell(7).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(delay.getCell(12).getNumericCellValue()).isEqualTo(0.5125);
            assertThat(delay.getCell(12).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(delay.getCell(13).getStringCellValue()).isEqualTo("Sur la cible");
            assertThat(fill(delay.getCell(13))).isEqualTo("C6EFCE");
            // From 88 to 79.5 days when lower is better: improving.
            assertThat(delay.getCell(14).getStringCellValue()).isEqualTo("↗");
            assertThat(delay.getCell(15).getStringCellValue()).isEqualTo("Tendance bonne");
            var enrolled = indicators.getRow(2);
            assertThat(enrolled.getCell(13).getStringCellValue()).isEqualTo("Hors trajectoire");
            assertThat(fill(enrolled.getCell(13))).isEqualTo("FFC7CE");
            assertThat(enrolled.getCell(14).getStringCellValue()).isEqualTo("↘");
            assertThat(indicators.getRow(3).getCell(13).getStringCellValue()).isEqualTo("Non évalué");
            assertThat(indicators.getPaneInformation().getVerticalSplitLeftColumn()).isEqualTo((short) 3);
            assertThat(indicators.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
            assertThat(indicators.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:P4");
            assertThat(fill(indicators.getRow(0).getCell(0))).isEqualTo("D9E1F2");
            assertThat(indicators.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();

            XSSFSheet measurements = workbook.getSheet("Mesures");
            // 3 + 4 values: one row per indicator and period with a value.
            assertThat(measurements.getLastRowNum()).isEqualTo(7);
            assertThat(measurements.getRow(3).getCell(2).getStringCellValue()).isEqualTo("2026-Q2");
            assertThat(fill(measurements.getRow(2).getCell(5))).isEqualTo("FFEB9C");

            XSSFSheet blockers = workbook.getSheet("Obstacles");
            assertThat(blockers.getRow(1).getCell(2).getStringCellValue()).isEqualTo("Postes non comblés");
            assertThat(blockers.getRow(1).getCell(3).getStringCellValue()).isEqualTo("Porté au forum");
            assertThat(blockers.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(70);
            assertThat(blockers.getRow(1).getCell(7).getStringCellValue()).isEqualTo("Oui");
            assertThat(blockers.getRow(1).getCell(4).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm");

            XSSFSheet experiments = workbook.getSheet("Expérimentations");
            assertThat(experiments.getRow(1).getCell(0).getStringCellValue()).isEqualTo("SCT");
            assertThat(experiments.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Clavardage citoyen");
            assertThat(experiments.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(42.0);
            // Codes in the reader's words, never SCALED / SCALE.
            assertThat(experiments.getRow(1).getCell(2).getStringCellValue()).isEqualTo("Passée à l’échelle");
            assertThat(experiments.getRow(1).getCell(4).getStringCellValue()).isEqualTo("Passer à l’échelle");
            assertThat(workbook.getSheet("Indicateurs").getRow(1).getCell(4).getStringCellValue())
                    .isEqualTo(I18N.getTranslation("performance.workbook.direction.LOWER", Locale.FRENCH));

            // Prints landscape, one page wide, headers repeated; the chart starts a page of its own.
            SpreadsheetChecks.assertPrintsWell(workbook, PrintSetup.LETTER_PAPERSIZE);
            assertThat(summary.getRepeatingRows().getLastRow()).isEqualTo(3);
            int chartRow = summary.getDrawingPatriarch().getCTDrawing().getTwoCellAnchorArray(0).getFrom().getRow();
            assertThat(summary.getRowBreaks()).containsExactly(chartRow - 2);

            XSSFSheet about = workbook.getSheet("À propos");
            assertThat(about.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Hélène Morin (forum)");
            assertThat(about.getRow(3).getCell(1).getStringCellValue()).isEqualTo("2026-Q2");
            assertThat(about.getRow(4).getCell(1).getStringCellValue()).isEqualTo("MSSS, SCT");
            assertThat(about.getRow(5).getCell(1).getNumericCellValue()).isEqualTo(3);
        }
    }

    @Test
    void the_workbook_speaks_english_to_english_readers() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write(sample(Locale.ENGLISH))))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Summary");
            assertThat(workbook.getSheet("Indicators").getRow(2).getCell(13).getStringCellValue()).isEqualTo("Off track");
            assertThat(workbook.getSheet("Experiments").getRow(1).getCell(2).getStringCellValue()).isEqualTo("Scaled");
            assertThat(workbook.getSheet("Experiments").getRow(1).getCell(4).getStringCellValue()).isEqualTo("Scale");
        }
    }

    @Test
    void libreoffice_opens_the_workbook_and_converts_it_to_pdf_without_errors() throws Exception {
        Path soffice = Path.of("/usr/bin/soffice");
        if (!Files.isExecutable(soffice)) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must run the LibreOffice check: apt-get install libreoffice-calc-nogui");
            }
            Assumptions.abort("LibreOffice (soffice) is not installed here");
        }
        Path dir = Files.createTempDirectory("cohorte-lo");
        Path xlsx = dir.resolve("forum.xlsx");
        Files.write(xlsx, write(sample(Locale.FRENCH)));
        Process process = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=file://" + dir.resolve("profile"),
                "--headless", "--convert-to", "pdf", "--outdir", dir.toString(), xlsx.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContainIgnoringCase("error");
        Path pdf = dir.resolve("forum.pdf");
        assertThat(pdf).exists();
        assertThat(Files.size(pdf)).isGreaterThan(5_000);
        assertThat(new String(Files.readAllBytes(pdf), 0, 5)).isEqualTo("%PDF-");
    }

    /** Each hostile and ordinary text in every text field the forum workbook shows, with negative numbers. */
    static ForumWorkbookData hostile() {
        List<String> texts = Stream.concat(SpreadsheetChecks.HOSTILE.stream(), SpreadsheetChecks.ORDINARY.stream()).toList();
        List<IndicatorRow> rows = new ArrayList<>();
        List<OrganizationSummary> summary = new ArrayList<>();
        List<BlockerRow> blockers = new ArrayList<>();
        List<ExperimentSnapshot> experiments = new ArrayList<>();
        Map<UUID, String> names = new java.util.HashMap<>();
        for (String t : texts) {
            rows.add(new IndicatorRow(t, t, t, t, "HIGHER", -2, 5, LocalDate.of(2026, 12, 31),
                    Arrays.asList(-2.0, null, 1.0, 3.0), Arrays.asList("OFF_TRACK", null, "AT_RISK", "ON_TRACK"),
                    Arrays.asList(t, null, null, t), -0.25, "ON_TRACK"));
            summary.add(new OrganizationSummary(t, 1, 0, 0, 0, 1));
            blockers.add(new BlockerRow(t, "INDICATOR", t, "OPEN", Instant.parse("2026-05-01T13:00:00Z"), 3,
                    Instant.parse("2026-05-15T13:00:00Z"), false, t, null));
            UUID org = UUID.randomUUID();
            names.put(org, t);
            experiments.add(new ExperimentSnapshot(UUID.randomUUID(), org, t, "RUNNING", 1, t, -2.0, t,
                    Instant.parse("2026-06-30T12:00:00Z")));
        }
        return new ForumWorkbookData(Instant.parse("2026-07-10T14:30:00Z"), SpreadsheetChecks.HOSTILE.get(0), "2026-Q2",
                List.of("2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"), texts, summary, rows.size(), rows, blockers,
                experiments, names, key -> I18N.getTranslation(key, Locale.FRENCH));
    }

    @Test
    void user_text_that_looks_like_a_formula_stays_text_with_the_quote_prefix() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write(hostile())))) {
            SpreadsheetChecks.HOSTILE.forEach(t -> SpreadsheetChecks.assertText(workbook, t, true));
            SpreadsheetChecks.ORDINARY.forEach(t -> SpreadsheetChecks.assertText(workbook, t, false));
            SpreadsheetChecks.assertNoUserFormula(workbook, SpreadsheetChecks::forumSummaryFormula);
            // Every place a text goes: organization, objective, indicator, unit, comments, blocker, experiment, about.
            XSSFSheet indicators = workbook.getSheet("Indicateurs");
            for (int c : new int[] {0, 1, 2, 3, 15}) {
                assertThat(indicators.getRow(1).getCell(c).getStringCellValue()).isEqualTo(SpreadsheetChecks.HOSTILE.get(0));
                assertThat(indicators.getRow(1).getCell(c).getCellStyle().getQuotePrefixed()).isTrue();
            }
            // The prefixed twin keeps what the original style showed (bold headers stay bold, colours stay).
            assertThat(workbook.getSheet("À propos").getRow(2).getCell(1).getStringCellValue())
                    .isEqualTo(SpreadsheetChecks.HOSTILE.get(0));
            // Negative numbers typed as numbers stay numbers, with their format and no prefix.
            XSSFCell baseline = indicators.getRow(1).getCell(5);
            assertThat(baseline.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(baseline.getNumericCellValue()).isEqualTo(-2.0);
            assertThat(baseline.getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(baseline.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            XSSFCell value = indicators.getRow(1).getCell(8);
            assertThat(value.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(value.getNumericCellValue()).isEqualTo(-2.0);
            XSSFCell metric = workbook.getSheet("Expérimentations").getRow(1).getCell(5);
            assertThat(metric.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(metric.getNumericCellValue()).isEqualTo(-2.0);
            // The summary's own formulas still compute.
            assertThat(workbook.getSheet("Synthèse").getRow(4).getCell(5).getCellFormula()).isEqualTo("SUM(B5:E5)");
        }
    }

    @Test
    void libreoffice_shows_hostile_text_as_typed_and_evaluates_none_of_it() throws Exception {
        Map<String, String> csv = SpreadsheetChecks.libreOfficeCsv(write(hostile()));
        String indicators = csv.get("Indicateurs");
        assertThat(indicators).as(csv.keySet().toString()).isNotNull();
        for (String t : SpreadsheetChecks.HOSTILE) {
            // "Quote all text cells": a text comes out quoted; a formula would come out as its (unquoted) result.
            assertThat(indicators).contains("\"" + t.replace("\"", "\"\"") + "\"");
        }
        assertThat(indicators).contains("\"-\"", "-2");
        csv.forEach((sheet, content) -> assertThat(content).as(sheet).doesNotContain("#NAME?", "Err:", "#VALUE!"));
        // The summary's own formulas are evaluated as before: one indicator on track per organization.
        assertThat(csv.get("Synthèse")).contains("\"+1+1\",1,0,0,0,1,");
    }

    private static String fill(XSSFCell cell) {
        XSSFCellStyle style = cell.getCellStyle();
        return style.getFillForegroundXSSFColor() == null ? null : style.getFillForegroundXSSFColor().getARGBHex().substring(2);
    }
}
