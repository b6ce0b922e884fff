package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.service.ImportError;
import org.cohorte.performance.service.ImportResult;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.SqlStatements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The .xlsx import: the template, good and wrong files (all or nothing), hostile files kept as resources. */
class IndicatorImportIT extends IntegrationTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    IndicatorImportService importService;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    DataSource dataSource;

    private XSSFWorkbook template(PerformanceFixture.Org org) throws IOException {
        byte[] bytes = data.as(org.manager(), () -> importService.template(org.id(), Locale.FRENCH));
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        workbook.close();
        return out.toByteArray();
    }

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.getRow(index) == null ? sheet.createRow(index) : sheet.getRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else if (values[c] != null) {
                row.createCell(c).setCellValue(values[c].toString());
            }
        }
    }

    @Test
    void a_good_file_imports_new_indicators_and_values_which_are_rated_at_once() throws IOException {
        var org = fixture.organization("imp");
        Indicator existing = fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80,
                LocalDate.of(2026, 12, 31), Direction.HIGHER);
        XSSFWorkbook workbook = template(org);
        Sheet defs = workbook.getSheet("Indicateurs");
        assertThat(defs.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Objectif");
        assertThat(defs.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Satisfaction");
        Sheet values = workbook.getSheet("Mesures");
        assertThat(values.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Satisfaction");
        // The template's row for the existing indicator stays: it updates its definition (a later target date).
        row(defs, 1, null, null, null, null, null, null, "2027-03-31");
        row(defs, 2, "Numérique", "Démarches en ligne", "%", 20, "2026-01-01", 60, "2026-12-31", "higher", "QUARTERLY",
                org.owner(), org.validator());
        row(values, 1, "Satisfaction", "2026-Q1", 55, "Baisse ponctuelle", "https://example.org/sondage");
        row(values, 2, "Satisfaction", "2026-Q2", "70,5", null, null);
        row(values, 3, "Démarches en ligne", "2026-Q2", 41, null, null);

        byte[] file = bytes(workbook);
        ImportResult result = data.as(org.manager(), () -> importService.importWorkbook(org.id(), new ByteArrayInputStream(file)));
        assertThat(result.errors()).isEmpty();
        assertThat(result.objectivesCreated()).isEqualTo(1);
        assertThat(result.indicatorsCreated()).isEqualTo(1);
        assertThat(result.indicatorsUpdated()).isEqualTo(1);
        assertThat(data.as(org.manager(), () -> indicatorService.indicator(existing.getId())).getTargetDate())
                .isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(result.measurementsImported()).isEqualTo(3);

        List<Measurement> history = data.as(org.manager(), () -> indicatorService.history(existing.getId()));
        assertThat(history).extracting(Measurement::getPeriod).containsExactly("2026-Q1", "2026-Q2");
        assertThat(history.get(0).getValue()).isEqualTo(55);
        assertThat(history.get(0).getStatus()).isEqualTo(IndicatorStatus.OFF_TRACK);
        assertThat(history.get(0).getEvidenceUrl()).isEqualTo("https://example.org/sondage");
        assertThat(history.get(1).getValue()).isEqualTo(70.5);
        assertThat(history.get(1).getStatus()).isEqualTo(IndicatorStatus.ON_TRACK);
        Indicator created = data.as(org.manager(), () -> indicatorService.indicators(org.id())).stream()
                .filter(i -> i.getName().equals("Démarches en ligne")).findFirst().orElseThrow();
        assertThat(created.getDirection()).isEqualTo(Direction.HIGHER);
        assertThat(created.getBaselineDate()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void a_wrong_file_imports_nothing_and_says_where_each_error_is_in_the_users_language() throws IOException {
        var org = fixture.organization("faux");
        fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80, LocalDate.of(2026, 12, 31), Direction.HIGHER);
        XSSFWorkbook workbook = template(org);
        Sheet defs = workbook.getSheet("Indicateurs");
        Sheet values = workbook.getSheet("Mesures");
        // Row 3: a good indicator, which must not be imported either.
        row(defs, 2, "Numérique", "Bon indicateur", "%", 20, "2026-01-01", 60, "2026-12-31", "HIGHER", "QUARTERLY",
                org.owner(), org.validator());
        row(defs, 3, "Numérique", "Mauvais", "%", "vingt", "2026-13-01", 60, "2026-12-31", "UP", "QUARTERLY",
                "personne-inconnue", org.validator());
        row(defs, 4, "Numérique", "À l’envers", "jours", 30, "2026-01-01", 40, "2026-12-31", "LOWER", "QUARTERLY",
                org.owner(), org.validator());
        row(values, 2, "Inconnu", "2026-Q5", 12, null, "ftp://preuve");

        byte[] file = bytes(workbook);
        ImportResult result = data.as(org.manager(), () -> importService.importWorkbook(org.id(), new ByteArrayInputStream(file)));
        assertThat(result.accepted()).isFalse();
        assertThat(result.errors()).extracting(e -> e.sheet() + "!" + e.column() + e.row() + " " + e.messageKey())
                .containsExactlyInAnyOrder(
                        "Indicateurs!D4 performance.import.error.number",
                        "Indicateurs!E4 performance.import.error.date",
                        "Indicateurs!H4 performance.import.error.code",
                        "Indicateurs!J4 performance.import.error.unknownUser",
                        "Indicateurs!F5 performance.error.targetAgainstDirection",
                        "Mesures!B3 performance.error.period",
                        "Mesures!E3 performance.error.evidenceUrl",
                        "Mesures!A3 performance.import.error.unknownIndicator");
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).extracting(Indicator::getName)
                .containsExactly("Satisfaction");

        ImportError code = result.errors().stream().filter(e -> e.column().equals("H")).findFirst().orElseThrow();
        assertThat(importService.describe(code, Locale.FRENCH)).isEqualTo(
                "Indicateurs, ligne 4, colonne H (Sens (Hausse ou Baisse)) : « UP » n’est pas permis ; valeurs possibles : Hausse, Baisse.");
        assertThat(importService.describe(code, Locale.ENGLISH)).isEqualTo(
                "Indicateurs, row 4, column H (Sens (Hausse ou Baisse)): “UP” is not allowed; possible values: Higher, Lower.");
    }

    @Test
    void a_value_that_belongs_to_a_review_cannot_be_overwritten_by_an_import() throws IOException {
        var org = fixture.reviewed("verrou", 260);
        XSSFWorkbook workbook = template(org);
        row(workbook.getSheet("Mesures"), 1, "Courriels traités", "2027-Q1", 999, null, null);
        byte[] file = bytes(workbook);
        ImportResult result = data.as(org.manager(), () -> importService.importWorkbook(org.id(), new ByteArrayInputStream(file)));
        assertThat(result.errors()).extracting(ImportError::messageKey).containsExactly("performance.import.error.locked");
        Indicator indicator = data.as(org.manager(), () -> indicatorService.indicators(org.id())).get(0);
        assertThat(data.as(org.manager(), () -> indicatorService.history(indicator.getId())).get(0).getValue()).isEqualTo(260);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
            "zip-bomb.xlsx, performance.import.zipBomb",
            "oversized.xlsx, performance.import.tooLarge",
            "not-a-spreadsheet.xlsx, performance.import.notXlsx",
            "plain-zip.xlsx, performance.import.notXlsx",
            "legacy-binary.xls.xlsx, performance.import.notXlsx",
            "truncated.xlsx, performance.import.notXlsx"
    })
    void hostile_files_are_refused_with_a_clear_message(String file, String key) throws IOException {
        var org = fixture.organization("hostile");
        try (InputStream in = getClass().getResourceAsStream("/performance/import/" + file)) {
            assertThat(in).as(file).isNotNull();
            assertThatThrownBy(() -> data.as(org.manager(), () -> importService.importWorkbook(org.id(), in)))
                    .isInstanceOf(CohorteException.class)
                    .satisfies(e -> assertThat(((CohorteException) e).getMessageKey()).isEqualTo(key));
        }
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).isEmpty();
    }

    @Test
    void only_the_organizations_managers_may_import() throws IOException {
        var org = fixture.organization("droits");
        var other = fixture.organization("autres");
        byte[] file = bytes(template(org));
        String forum = data.user("forum", Roles.FORUM);
        assertThatThrownBy(() -> data.as(forum, () -> importService.importWorkbook(org.id(), new ByteArrayInputStream(file))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> data.as(other.manager(), () -> importService.importWorkbook(org.id(), new ByteArrayInputStream(file))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(other.manager(), () -> importService.template(org.id(), Locale.FRENCH)))
                .isInstanceOf(NotFoundException.class);
    }

    private static byte[] indicatorRows(PerformanceFixture.Org org, int rows) throws IOException {
        XSSFWorkbook workbook = new XSSFWorkbook();
        Sheet defs = workbook.createSheet("Indicateurs");
        row(defs, 0, "Objectif");
        for (int r = 1; r <= rows; r++) {
            row(defs, r, "Objectif " + r % 3, "Indicateur " + r, "%", 20, "2026-01-01", 60, "2026-12-31", "HIGHER", "QUARTERLY",
                    r % 2 == 0 ? org.owner() : org.validator(), org.validator());
        }
        return bytes(workbook);
    }

    private long statements(PerformanceFixture.Org org, byte[] file, boolean selectsOnly) {
        Runnable work = () -> assertThat(data.as(org.manager(), () -> importService.importWorkbook(org.id(),
                new ByteArrayInputStream(file))).errors()).isEmpty();
        return selectsOnly ? SqlStatements.selectsOnH2(dataSource, work) : SqlStatements.all(dataSource, work);
    }

    @Test
    void the_owners_and_validators_of_a_file_are_checked_in_one_query_not_one_per_row() throws IOException {
        var few = fixture.organization("peu");
        var many = fixture.organization("beaucoup");
        long small = statements(few, indicatorRows(few, 5), false);
        long large = statements(many, indicatorRows(many, 65), false);
        // 60 more rows cost 60 inserts and a little slack, not the two user queries per row they used to.
        assertThat(large).isGreaterThan(small);
        assertThat(large - small).isLessThanOrEqualTo(60 + 10);
        assertThat(data.as(many.manager(), () -> indicatorService.indicators(many.id()))).hasSize(65);
    }

    @Test
    void stored_values_and_the_status_decision_are_read_once_per_file_not_once_per_row() throws IOException {
        assumeTrue(SqlStatements.isH2(dataSource), "H2 keeps each statement's text; on PostgreSQL the test above covers reads");
        long[] selects = new long[2];
        int[] rows = {2, 20};
        for (int n = 0; n < 2; n++) {
            var org = fixture.organization("lectures" + n);
            fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2020, 1, 1), 80, LocalDate.of(2030, 12, 31), Direction.HIGHER);
            XSSFWorkbook workbook = template(org);
            Sheet values = workbook.getSheet("Mesures");
            for (int r = 1; r <= rows[n]; r++) {
                row(values, r, "Satisfaction", (2021 + (r - 1) / 4) + "-Q" + ((r - 1) % 4 + 1), 60 + r, null, null);
            }
            selects[n] = statements(org, bytes(workbook), true);
            assertThat(data.as(org.manager(), () -> indicatorService.history(
                    indicatorService.indicators(org.id()).get(0).getId()))).hasSize(rows[n]);
        }
        // 18 more values read nothing more: stored values, users and the decision are read once per file.
        assertThat(selects[0]).isPositive();
        assertThat(selects[1] - selects[0]).isLessThanOrEqualTo(2);
    }

    /** Statements (all, then selects) of importing rows values spread over ten indicators, fifty quarters each at most. */
    private long[] importOf(int rows) throws IOException {
        var org = fixture.organization("cinq-cents-" + rows);
        long all = statements(org, bytes(valuesFor(org, rows)), false);
        var org2 = fixture.organization("cinq-cents-lectures-" + rows);
        long selects = SqlStatements.isH2(dataSource) ? statements(org2, bytes(valuesFor(org2, rows)), true) : 0;
        return new long[] {all, selects};
    }

    /** The organization's import template with ten indicators and {@code rows} values filled in. */
    private XSSFWorkbook valuesFor(PerformanceFixture.Org org, int rows) throws IOException {
        for (int n = 0; n < 10; n++) {
            fixture.indicator(org, "Indicateur " + n, 10, LocalDate.of(2000, 1, 1), 90, LocalDate.of(2030, 12, 31),
                    Direction.HIGHER);
        }
        XSSFWorkbook workbook = template(org);
        Sheet values = workbook.getSheet("Mesures");
        for (int r = 0; r < rows; r++) {
            int quarter = r / 10;
            row(values, r + 1, "Indicateur " + r % 10, (2010 + quarter / 4) + "-Q" + (quarter % 4 + 1), 20 + r % 50, null, null);
        }
        return workbook;
    }

    @Test
    void five_hundred_values_cost_one_write_each_and_no_more_reads_than_fifty() throws IOException {
        long[] fifty = importOf(50);
        long[] fiveHundred = importOf(500);
        System.out.printf("Import statements: 50 rows %d (%d selects), 500 rows %d (%d selects)%n",
                fifty[0], fifty[1], fiveHundred[0], fiveHundred[1]);
        // 450 more values: at most one insert each and a few statements of slack, whatever the rows hold.
        assertThat(fiveHundred[0]).isLessThanOrEqualTo(fifty[0] + 450 + 10);
        if (SqlStatements.isH2(dataSource)) {
            assertThat(fiveHundred[1]).isLessThanOrEqualTo(fifty[1] + 2);
        }
    }
}
