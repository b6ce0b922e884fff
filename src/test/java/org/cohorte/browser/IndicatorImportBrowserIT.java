package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.cohorte.performance.LargeImportWorkbook;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The indicator import in a real browser on the real server: a workbook of several megabytes (over Spring's old
 * 1 MB default) imports; an 11 MB one is refused by the browser with the message; the same 11 MB posted straight
 * to the upload's URL, multipart (Tomcat counts the part against Spring's limit) or raw without a length (the
 * handler counts it), is refused too and imports nothing, the raw refusal reaching the screen.
 */
class IndicatorImportBrowserIT extends IntegrationTest {

    static final String TOO_LARGE = "Fichier refusé : il dépasse 10 Mo.";

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    IndicatorService indicatorService;

    @Test
    void a_workbook_of_megabytes_imports_and_one_over_ten_is_refused_however_it_is_sent() throws Exception {
        Browser.requireChromium();
        var org = fixture.organization("navig");
        Path dir = Files.createTempDirectory("cohorte-upload-browser");
        Path medium = dir.resolve("indicateurs.xlsx");
        LargeImportWorkbook.Written written = LargeImportWorkbook.write(medium, 150, 3000, "Volume", org.owner(), org.validator());
        assertThat(written.bytes()).isBetween(1024L * 1024, IndicatorImportService.MAX_BYTES);
        Path big = dir.resolve("trop-gros.xlsx");
        LargeImportWorkbook.Written tooBig = LargeImportWorkbook.write(big, 1000, 3000, "Trop gros", org.owner(), org.validator());
        assertThat(tooBig.bytes()).isGreaterThan(IndicatorImportService.MAX_BYTES);

        try (Browser browser = new Browser(baseUrl())) {
            browser.signIn(org.manager(), TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open("/performance/indicators");
            browser.waitFor("#import-upload");

            fileInput(browser).sendKeys(medium.toString());
            browser.waitForText("#import-errors", "Import réussi");
            assertThat(browser.driver().findElement(By.id("import-errors")).getText())
                    .contains(written.indicators() + " indicateur(s) créés", written.measurements() + " mesure(s)");
            // The component's list is emptied once the upload is over: the next file has the slot.
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> ((Number) browser.driver()
                    .executeScript("return document.getElementById('import-upload').files.length")).intValue() == 0);

            fileInput(browser).sendKeys(big.toString());
            browser.waitForText("#import-errors", TOO_LARGE);
            browser.screenshot("import-11mb-refused-by-browser");

            fileInput(browser).sendKeys(Files.writeString(dir.resolve("pas-un-classeur.xlsx"), "pas un classeur").toString());
            browser.waitForText("#import-errors", "ce n’est pas un classeur Excel .xlsx lisible");

            // A small workbook refused for its rows, then another: each shows its own result, never a size, and
            // the list is emptied each time (no tick of the refused file stays, the next one has the slot).
            Path wrong = small(dir.resolve("cible-a-l-envers.xlsx"), "Cible à l’envers", 60, 20, org);
            fileInput(browser).sendKeys(wrong.toString());
            browser.waitForText("#import-errors", "Rien n’a été importé");
            assertThat(browser.driver().findElement(By.id("import-errors")).getText()).contains("colonne F")
                    .doesNotContain(TOO_LARGE);
            waitForEmptyList(browser);
            Path right = small(dir.resolve("cible-corrigee.xlsx"), "Volume corrigé", 20, 60, org);
            fileInput(browser).sendKeys(right.toString());
            browser.waitForText("#import-errors", "Import réussi");
            assertThat(browser.driver().findElement(By.id("import-errors")).getText()).doesNotContain("Rien n’a été importé")
                    .doesNotContain(TOO_LARGE);
            waitForEmptyList(browser);
            browser.screenshot("import-second-small-file-after-a-refused-one");

            String target = (String) browser.driver().executeScript("return document.getElementById('import-upload').target;");
            String cookie = "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
            URI uri = URI.create(baseUrl() + "/" + target);
            byte[] bytes = Files.readAllBytes(big);

            // Multipart, streamed without a length: Tomcat's parser counts the part against Spring's 10 MB.
            String boundary = "cohorte-" + System.nanoTime();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"trop-gros.xlsx\"\r\n"
                    + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            int multipart = send(HttpRequest.newBuilder(uri).header("Cookie", cookie)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(java.util.Collections.enumeration(
                            List.of(new ByteArrayInputStream(head), new ByteArrayInputStream(bytes), new ByteArrayInputStream(tail))))))
                    .build());
            assertThat(multipart).as("multipart 11 MB").isIn(413, -1);

            // Raw, streamed without a length: the upload handler counts it and says so on screen.
            int raw = send(HttpRequest.newBuilder(uri).header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
            assertThat(raw).as("raw 11 MB").isIn(413, -1);
            browser.waitForText("#import-errors", TOO_LARGE);
            browser.screenshot("import-11mb-raw-refused-by-server");
        }
        assertThat(data.as(org.manager(), () -> indicatorService.indicators(org.id()))).extracting(Indicator::getName)
                .allMatch(name -> name.startsWith("Volume "))
                .hasSize(written.indicators() + 1);
    }

    private static void waitForEmptyList(Browser browser) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> ((Number) browser.driver()
                .executeScript("return document.getElementById('import-upload').files.length")).intValue() == 0);
    }

    /** A one-indicator workbook of a few kilobytes. */
    private static Path small(Path file, String name, double baseline, double target, PerformanceFixture.Org org)
            throws IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             var out = Files.newOutputStream(file)) {
            var defs = book.createSheet("Indicateurs");
            defs.createRow(0).createCell(0).setCellValue("Objectif");
            var row = defs.createRow(1);
            Object[] cells = {"Accès", name, "%", baseline, "2026-01-01", target, "2026-12-31", "Hausse", "Trimestrielle",
                    org.owner(), org.validator()};
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] instanceof Double d) {
                    row.createCell(c).setCellValue(d);
                } else {
                    row.createCell(c).setCellValue(cells[c].toString());
                }
            }
            book.write(out);
        }
        assertThat(Files.size(file)).isLessThan(64 * 1024);
        return file;
    }

    /** The status, or -1 when the server closed the connection after answering (it does not read a refused body). */
    private static int send(HttpRequest request) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static WebElement fileInput(Browser browser) {
        WebElement upload = browser.waitFor("#import-upload");
        List<WebElement> light = upload.findElements(By.cssSelector("input[type=file]"));
        return light.isEmpty() ? upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")) : light.get(0);
    }
}
