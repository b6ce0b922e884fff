package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The steering room in a real browser, on a desktop and a phone; screenshots under target/screenshots. */
class SteeringRoomBrowserIT extends IntegrationTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    IndicatorImportService importService;
    @Autowired
    BlockerService blockerService;

    private void history(PerformanceFixture.Org org, String[] names, String[] units, double[][] baselineTarget,
                         String[] directions, double[][] values) throws IOException {
        XSSFWorkbook book = new XSSFWorkbook();
        Sheet defs = book.createSheet("Indicateurs");
        Sheet measures = book.createSheet("Mesures");
        defs.createRow(0).createCell(0).setCellValue("Objectif");
        measures.createRow(0).createCell(0).setCellValue("Indicateur");
        String[] periods = {"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"};
        int m = 1;
        for (int i = 0; i < names.length; i++) {
            Row row = defs.createRow(i + 1);
            Object[] cells = {i < 2 ? "Accès aux services" : "Personnel", names[i], units[i], baselineTarget[i][0],
                    "2025-10-01", baselineTarget[i][1], "2027-09-30", directions[i], "QUARTERLY", org.owner(), org.validator()};
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] instanceof Double d) {
                    row.createCell(c).setCellValue(d);
                } else {
                    row.createCell(c).setCellValue(cells[c].toString());
                }
            }
            for (int p = 0; p < periods.length; p++) {
                Row v = measures.createRow(m++);
                v.createCell(0).setCellValue(names[i]);
                v.createCell(1).setCellValue(periods[p]);
                v.createCell(2).setCellValue(values[i][p]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        var result = data.as(org.manager(), () -> importService.importWorkbook(org.id(), new ByteArrayInputStream(out.toByteArray())));
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void the_forum_reads_the_steering_room_on_a_desktop_and_on_a_phone() throws IOException {
        Browser.requireChromium();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-10T14:00:00Z")));
        var health = fixture.organization("sante");
        history(health, new String[] {"Délai moyen d’attente en chirurgie", "Patients inscrits à un médecin de famille",
                        "Taux de roulement infirmier"}, new String[] {"jours", "%", "%"},
                new double[][] {{120, 80}, {78, 90}, {14, 10}}, new String[] {"LOWER", "HIGHER", "LOWER"},
                new double[][] {{119, 115, 110, 104, 99, 95}, {78, 79, 80.5, 81, 81.5, 82}, {14, 14.3, 14.8, 15, 15.2, 15.1}});
        var treasury = fixture.organization("tresor");
        history(treasury, new String[] {"Démarches offertes en ligne", "Satisfaction en ligne", "Délai de paiement"},
                new String[] {"%", "%", "jours"}, new double[][] {{35, 70}, {72, 80}, {38, 30}},
                new String[] {"HIGHER", "HIGHER", "LOWER"},
                new double[][] {{36, 40, 45, 49, 53, 57}, {72, 73, 72, 71, 71, 70}, {38, 37, 35, 34, 33, 32}});
        data.as(health.owner(), () -> blockerService.declare(BlockerSource.INDICATOR, "x", health.id(),
                "Postes d’infirmières non comblés", "Trente postes vacants malgré trois affichages."));
        data.as(treasury.owner(), () -> blockerService.declare(BlockerSource.INDICATOR, "y", treasury.id(),
                "Formulaire inaccessible sur mobile", "Le fournisseur n’a pas livré la version accessible."));
        String forum = data.user("forum", Roles.FORUM);
        String path = "/steering-room?period=2027-Q1&org=" + health.id() + "&org=" + treasury.id();

        try (Browser browser = new Browser(baseUrl(), 1400, 1500)) {
            browser.signIn(forum, TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open(path);
            browser.waitFor(".perf-org");
            browser.waitFor("svg.perf-trend");
            assertThat(browser.pageText()).contains("Salle de pilotage", "Délai moyen d’attente en chirurgie",
                    "Postes d’infirmières non comblés", "Hors trajectoire");
            browser.screenshot("steering-room-desktop");
        }
        try (Browser phone = new Browser(baseUrl(), 390, 1400)) {
            phone.signIn(forum, TestData.PASSWORD);
            phone.waitUntilSignedIn();
            phone.open(path);
            phone.waitFor("svg.perf-trend");
            phone.screenshot("steering-room-phone");
        }
        try (Browser manager = new Browser(baseUrl(), 1400, 1000)) {
            manager.signIn(health.manager(), TestData.PASSWORD);
            manager.waitUntilSignedIn();
            manager.open("/performance/indicators");
            manager.waitFor("#indicators-grid");
            manager.waitForText("#indicators-grid", "Taux de roulement infirmier");
            assertThat(manager.pageText()).contains("Mes indicateurs", "Modèle d’import (.xlsx)");
            manager.screenshot("performance-indicators-desktop");
        }
        ClockUtil.reset();
    }
}
