package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.domain.Organization;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.service.ImportResult;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.testsupport.DemoSeeding;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The import template of the demo data comes back unchanged and is accepted with nothing changed, in French and in
 * English, with the codes in the reader's language or as internal codes: the demo (the incubator's scaled draft
 * included) satisfies every rule the import checks.
 */
class ImportTemplateRoundTripIT extends IntegrationTest {

    @Autowired
    DemoSeeding demo;
    @Autowired
    IndicatorImportService importService;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    OrganizationService organizationService;

    @BeforeEach
    void seedDemo() {
        demo.seed();
    }

    private UUID organization(String acronym) {
        return data.as("admin", () -> organizationService.list().stream().filter(o -> acronym.equals(o.getAcronym()))
                .map(Organization::getId).findFirst().orElseThrow());
    }

    private List<IndicatorDefinition> definitions(String user, UUID organization) {
        return data.as(user, () -> indicatorService.indicators(organization)).stream().map(Indicator::definition).toList();
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        try (workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static List<String> column(Sheet sheet, int column) {
        List<String> values = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && row.getCell(column) != null) {
                values.add(row.getCell(column).getStringCellValue());
            }
        }
        return values;
    }

    @ParameterizedTest(name = "{0} as {1}, {2}")
    @CsvSource({
            "MSSS, gestionnaire, fr, Indicateurs, Sens (Hausse ou Baisse), Hausse, Baisse, Trimestrielle, Semestrielle",
            "MSSS, gestionnaire, en, Indicators, Direction (Higher or Lower), Higher, Lower, Quarterly, Semi-annual",
            "SCT, admin, fr, Indicateurs, Sens (Hausse ou Baisse), Hausse, Baisse, Trimestrielle, Semestrielle",
            "SCT, admin, en, Indicators, Direction (Higher or Lower), Higher, Lower, Quarterly, Semi-annual"})
    void the_demo_template_comes_back_unchanged_and_is_accepted_with_nothing_changed(String acronym, String user,
            String language, String sheetName, String directionHeader, String higher, String lower, String quarterly,
            String semiannual) throws IOException {
        UUID org = organization(acronym);
        Locale locale = Locale.forLanguageTag(language);
        List<IndicatorDefinition> before = definitions(user, org);
        assertThat(before).isNotEmpty();
        byte[] template = data.as(user, () -> importService.template(org, locale));

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet defs = book.getSheet(sheetName);
            assertThat(defs.getRow(0).getCell(7).getStringCellValue()).isEqualTo(directionHeader);
            // The codes in the reader's language, one row per indicator, as the drop-downs offer them.
            assertThat(column(defs, 7)).hasSize(before.size()).containsOnly(higher, lower);
            assertThat(column(defs, 8)).hasSize(before.size()).contains(quarterly).isSubsetOf(quarterly, semiannual,
                    importService.label(Frequency.MONTHLY, locale), importService.label(Frequency.ANNUAL, locale));
            List<List<String>> lists = defs.getDataValidations().stream()
                    .map(DataValidation::getValidationConstraint).map(c -> List.of(c.getExplicitListValues())).toList();
            assertThat(lists).contains(List.of(higher, lower));
            assertThat(lists).anyMatch(list -> list.contains(quarterly) && list.contains(semiannual) && list.size() == 4);
            // The incubator's scaled experiment is in MSSS's template as a draft whose target follows its direction.
            if (acronym.equals("MSSS")) {
                assertThat(column(defs, 1)).anyMatch(name -> name.startsWith("Formulaire de déclaration simplifié"));
            }
        }

        ImportResult result = data.as(user, () -> importService.importWorkbook(org, new ByteArrayInputStream(template)));
        assertThat(result.errors()).extracting(e -> importService.describe(e, locale)).isEmpty();
        assertThat(result.objectivesCreated()).isZero();
        assertThat(result.indicatorsCreated()).isZero();
        assertThat(result.indicatorsUpdated()).isZero();
        assertThat(result.measurementsImported()).isZero();
        assertThat(definitions(user, org)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"MSSS, gestionnaire, fr, Indicateurs", "SCT, admin, en, Indicators"})
    void the_internal_codes_are_accepted_too(String acronym, String user, String language, String sheetName)
            throws IOException {
        UUID org = organization(acronym);
        List<IndicatorDefinition> before = definitions(user, org);
        XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                data.as(user, () -> importService.template(org, Locale.forLanguageTag(language)))));
        Sheet defs = book.getSheet(sheetName);
        List<String> names = column(defs, 1);
        for (int r = 1; r <= names.size(); r++) {
            Row row = defs.getRow(r);
            IndicatorDefinition definition = before.stream().filter(d -> d.name().equals(row.getCell(1).getStringCellValue()))
                    .findFirst().orElseThrow();
            // Internal codes, in lower case for one of them: the case is ignored.
            row.getCell(7).setCellValue(r == 1 ? definition.direction().name().toLowerCase(Locale.ROOT) : definition.direction().name());
            row.getCell(8).setCellValue(definition.frequency().name());
        }
        byte[] file = bytes(book);

        ImportResult result = data.as(user, () -> importService.importWorkbook(org, new ByteArrayInputStream(file)));
        assertThat(result.errors()).isEmpty();
        assertThat(result.indicatorsUpdated()).isZero();
        assertThat(definitions(user, org)).isEqualTo(before);
    }
}
