package org.cohorte.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cohorte.performance.LargeImportWorkbook;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.testsupport.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The indicator import on the packaged application with a 512 MB heap, as the demo manager in a real Chromium:
 * a workbook just under the 10 MB limit, made of valid rows, imports (success message, rows in the database)
 * without running out of memory; an 11 MB file is refused with the message, by the browser and, posted
 * directly as a raw body, by the server; the server stays healthy. Prints the import time and the peak heap
 * the GC log saw ({@code FAULTS upload:} lines).
 */
@Tag("faults")
class UploadMemoryFaultsIT {

    static final String MANAGER = "gestionnaire";
    static final String PASSWORD = "cohorte123";
    static final Pattern GC_LINE = Pattern.compile("\\[(\\d+[.,]\\d+)s\\].*Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    AppNode node;
    Browser browser;

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void a_10_mb_workbook_imports_in_a_512_mb_heap_and_an_11_mb_one_is_refused_with_the_message() throws Exception {
        Browser.requireChromium();
        FaultsDatabase db = FaultsDatabase.fresh("cohorte_faults_upload");
        JdbcTemplate jdbc = db.jdbc();
        Path gcLog = Path.of("target", "faults", "upload-gc.log").toAbsolutePath();
        Files.createDirectories(gcLog.getParent());
        Files.deleteIfExists(gcLog);
        node = new AppNode("upload", Integer.getInteger("faults.port", 18083), db.url())
                .jvm("-Xlog:gc:file=" + gcLog + ":uptime");
        node.start();
        node.awaitUp(Duration.ofMinutes(5));
        long jvmStart = ProcessHandle.of(node.pid()).flatMap(p -> p.info().startInstant()).orElseThrow().toEpochMilli();

        Path dir = Files.createTempDirectory("cohorte-upload-faults");
        Path good = dir.resolve("indicateurs-10mo.xlsx");
        LargeImportWorkbook.Written written = LargeImportWorkbook.near(good, IndicatorImportService.MAX_BYTES, "Charge de travail",
                "membre", "expert");
        System.out.printf("FAULTS upload: workbook %d bytes (limit %d), %d indicators, %d values%n", written.bytes(),
                IndicatorImportService.MAX_BYTES, written.indicators(), written.measurements());
        assertThat(written.bytes()).isBetween(IndicatorImportService.MAX_BYTES * 95 / 100, IndicatorImportService.MAX_BYTES);

        browser = new Browser(node.baseUrl());
        browser.signIn(MANAGER, PASSWORD);
        browser.waitUntilSignedIn();
        browser.open("/performance/indicators");
        browser.waitFor("#import-upload");

        long before = System.currentTimeMillis();
        fileInput().sendKeys(good.toString());
        new WebDriverWait(browser.driver(), Duration.ofMinutes(5)).until(d -> importMessage().contains("Import réussi")
                || importMessage().contains("Rien n’a été importé") || importMessage().contains("Fichier refusé"));
        long after = System.currentTimeMillis();
        browser.screenshot("faults-upload-10mb");
        String message = importMessage();
        System.out.printf("FAULTS upload: import of %d bytes took %d ms in the browser; message: %s%n", written.bytes(),
                after - before, message);
        // French numbers are grouped with a (narrow) no-break space: "1 000".
        String digits = message.replaceAll("[\\s\\u00A0\\u202F]", "");
        assertThat(message).contains("Import réussi");
        assertThat(digits).contains(written.indicators() + "indicateur(s)créés").contains(written.measurements() + "mesure(s)");
        assertThat(node.isAlive()).isTrue();
        Integer indicators = jdbc.queryForObject("select count(*) from perf_indicator where name like 'Charge de travail %'",
                Integer.class);
        Integer values = jdbc.queryForObject("select count(*) from perf_measurement m join perf_indicator i on i.id = m.indicator_id"
                + " where i.name like 'Charge de travail %'", Integer.class);
        assertThat(indicators).isEqualTo(written.indicators());
        assertThat(values).isEqualTo(written.measurements());

        // 11 MB: the browser refuses it before sending a byte, with the message.
        Path big = dir.resolve("indicateurs-11mo.xlsx");
        byte[] noise = new byte[11 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        noise[0] = 'P';
        noise[1] = 'K';
        noise[2] = 3;
        noise[3] = 4;
        Files.write(big, noise);
        fileInput().sendKeys(big.toString());
        browser.waitForText("#import-errors", "Fichier refusé : il dépasse 10 Mo.");
        browser.screenshot("faults-upload-11mb-browser");

        // The same 11 MB posted as a raw body, no Content-Length (chunked), to the upload's own URL: counted and refused.
        String target = (String) browser.driver().executeScript("return document.getElementById('import-upload').target;");
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int rawStatus;
        try {
            HttpResponse<String> raw = client.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/" + target))
                    .header("Cookie", "JSESSIONID=" + session.getValue())
                    .timeout(Duration.ofMinutes(1))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(noise))).build(),
                    HttpResponse.BodyHandlers.ofString());
            rawStatus = raw.statusCode();
        } catch (IOException e) {
            // The server may close the connection once it has answered and swallowed what it allows.
            rawStatus = -1;
        }
        System.out.println("FAULTS upload: raw 11 MB body answered " + rawStatus);
        assertThat(rawStatus).isIn(413, -1);
        browser.waitForText("#import-errors", "Fichier refusé : il dépasse 10 Mo.");
        assertThat(jdbc.queryForObject("select count(*) from perf_indicator where name like 'Charge de travail %'", Integer.class))
                .isEqualTo(written.indicators());

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(Files.readString(node.log())).doesNotContain("OutOfMemoryError");

        heapReport(gcLog, (before - jvmStart) / 1000.0, (after - jvmStart) / 1000.0);
        Process heapInfo = new ProcessBuilder("jcmd", String.valueOf(node.pid()), "GC.heap_info").redirectErrorStream(true).start();
        try (InputStream in = heapInfo.getInputStream()) {
            System.out.println("FAULTS upload: jcmd GC.heap_info after the import:\n" + new String(in.readAllBytes()));
        } catch (IOException e) {
            System.out.println("FAULTS upload: no jcmd here (" + e.getMessage() + ")");
        }
    }

    private WebElement fileInput() {
        WebElement upload = browser.waitFor("#import-upload");
        List<WebElement> light = upload.findElements(By.cssSelector("input[type=file]"));
        return light.isEmpty() ? upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")) : light.get(0);
    }

    private String importMessage() {
        return browser.driver().findElement(By.id("import-errors")).getText();
    }

    /** The largest heap occupancy the GC saw before collecting, over the whole run and during the import. */
    private static void heapReport(Path gcLog, double importStart, double importEnd) throws IOException {
        long peak = 0;
        long peakDuringImport = 0;
        long committed = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                double at = Double.parseDouble(m.group(1).replace(',', '.'));
                long beforeGc = Long.parseLong(m.group(2));
                peak = Math.max(peak, beforeGc);
                committed = Math.max(committed, Long.parseLong(m.group(4)));
                if (at >= importStart - 1 && at <= importEnd + 1) {
                    peakDuringImport = Math.max(peakDuringImport, beforeGc);
                    collections++;
                }
            }
        }
        System.out.printf("FAULTS upload: peak heap before a GC: %d MB over the run, %d MB during the import (%d GCs in "
                + "%.1f-%.1f s uptime), largest committed heap %d MB, -Xmx512m%n", peak, peakDuringImport, collections,
                importStart, importEnd, committed);
    }
}
