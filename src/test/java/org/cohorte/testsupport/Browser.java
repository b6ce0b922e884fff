package org.cohorte.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium from Debian's packages, driven through Debian's chromedriver (a browser a
 * test tool downloads cannot be fetched here). Each instance is a separate browser profile, i.e. a
 * separate person. Without Chromium the test is skipped with a message, except under CI, where it fails.
 */
public class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("cohorte.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("cohorte.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    /** Skips the calling test when no Chromium is installed here, or fails it under CI, where it must run. */
    public static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "Chromium browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must run the browser tests. " + message);
            }
            System.out.println("SKIPPED browser test: " + message);
            Assumptions.abort(message);
        }
    }

    public Browser(String baseUrl, int width, int height) {
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("cohorte-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=fr-CA", "--window-size=" + Math.max(width, 500) + "," + height,
                "--user-data-dir=" + profile);
        if (width < 500) {
            // Headless windows are at least 500 px wide: a phone is emulated, as the browser's device mode does.
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 2, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    public Browser(String baseUrl) {
        this(baseUrl, 1280, 900);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    public WebElement waitFor(String css) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(60))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            // Keep what the browser showed: a timeout alone says nothing about why.
            screenshot("timeout-" + css.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("No visible '" + css + "' at " + driver.getCurrentUrl() + "; page text: "
                    + pageText(), e);
        }
    }

    public void waitForText(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Waits until the login form has been left, so that the next navigation runs in the signed-in session. */
    public void waitUntilSignedIn() {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            String url = d.getCurrentUrl();
            return url != null && !url.contains("/login") && !d.findElements(By.tagName("vaadin-app-layout")).isEmpty();
        });
    }

    public void waitUntilUrlContains(String fragment) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.urlContains(fragment));
    }

    public void type(String css, String text) {
        WebElement input = waitFor(css);
        input.clear();
        input.sendKeys(text);
    }

    public void click(String css) {
        WebElement element = waitFor(css);
        // A real click, as a person makes it: it also blurs the field being typed in, which commits its value.
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** Signs in through the real login form. */
    public void signIn(String user, String password) {
        open("/login");
        type("vaadin-login-form input[name='username']", user);
        type("vaadin-login-form input[name='password']", password);
        click("vaadin-login-form vaadin-button[slot='submit']");
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File file = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(file.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp profile is harmless.
        }
    }
}
