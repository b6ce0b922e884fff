package org.cohorte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the run ({@code junit-platform.properties} orders classes by {@code @Order}):
 * the application's log of the whole run ({@code target/test-logs}, written because the test profile sets
 * {@code logging.file.name}) and the fault tests' node logs ({@code target/faults}, when they ran before) must hold
 * no password, no personal access token and none of the confidential codevelopment case texts the demo data and
 * the tests write ({@code logs/never-logged.txt}, which {@code .ci/run} also greps after the fault tests).
 * It also checks the one-line-per-request log is there, with user ids and without query strings.
 */
@Order(Integer.MAX_VALUE)
class LogHygieneTest {

    private static final Pattern TOKEN = Pattern.compile("coh_[A-Za-z0-9_-]{16,}");

    @Test
    void no_secret_or_case_text_in_any_log_line() throws IOException {
        List<Path> logs = logs();
        assumeTrue(!logs.isEmpty(), "no log of a test run in target/test-logs or target/faults");
        List<String> forbidden;
        try (InputStream in = LogHygieneTest.class.getResourceAsStream("/logs/never-logged.txt")) {
            forbidden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        List<String> found = new ArrayList<>();
        long lines = 0;
        for (Path log : logs) {
            try (Stream<String> content = Files.lines(log, StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) content::iterator) {
                    lines++;
                    for (String text : forbidden) {
                        if (line.contains(text)) {
                            found.add(log.getFileName() + ": \"" + text + "\" in " + abbreviate(line));
                        }
                    }
                    if (TOKEN.matcher(line).find() || line.contains("Bearer coh_")) {
                        found.add(log.getFileName() + ": a personal access token in " + abbreviate(line));
                    }
                }
            }
        }
        System.out.println("LOG HYGIENE " + lines + " lines in " + logs.size() + " file(s), " + found.size() + " finding(s)");
        assertThat(found).as("log lines with a password, a token or a confidential case text").isEmpty();
    }

    @Test
    void requests_are_logged_with_the_user_and_without_the_query() throws IOException {
        Path log = Path.of("target/test-logs/cohorte-test.log");
        assumeTrue(Files.exists(log), "no application log in target/test-logs");
        List<String> requests;
        try (Stream<String> content = Files.lines(log, StandardCharsets.UTF_8)) {
            requests = content.filter(l -> l.contains("org.cohorte.requests")).toList();
        }
        assumeTrue(!requests.isEmpty(), "no HTTP request in this run");
        assertThat(requests).allSatisfy(line -> assertThat(line).matches(".* (GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /\\S* "
                + "\\d{3} \\d+ ms user=\\S+$").doesNotContain("?"));
    }

    private static List<Path> logs() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("target/test-logs", "target/faults")) {
            Path root = Path.of(dir);
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log")).forEach(logs::add);
                }
            }
        }
        return logs;
    }

    private static String abbreviate(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
