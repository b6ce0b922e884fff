package org.cohorte.faults;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Cohorte node: the packaged jar ({@code target/cohorte-*.jar}, built with {@code -Pproduction}) in its own
 * JVM on a given port and database, with the job executor on. {@link #kill()} is {@code kill -9}
 * (Process.destroyForcibly sends SIGKILL on Linux): no shutdown hook, no transaction gets to finish.
 */
final class AppNode {

    private final String name;
    private final int port;
    private final String dbUrl;
    private final List<String> properties;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;
    private int starts;

    AppNode(String name, int port, String dbUrl, String... properties) {
        this.name = name;
        this.port = port;
        this.dbUrl = dbUrl;
        this.properties = List.of(properties);
    }

    /** The packaged jar: {@code -Dfaults.jar=...} (a production jar kept aside while iterating), else target's. */
    static Path jar() throws IOException {
        String given = System.getProperty("faults.jar");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("cohorte-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/cohorte-*.jar: build it with -Pproduction first"));
        }
    }

    /** More JVM options for the next start (a GC log, say), after the common ones. */
    AppNode jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=America/Montreal"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port, "--spring.profiles.active=postgres",
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                "--spring.datasource.hikari.maximum-pool-size=10",
                // The fault tests ask a thousand questions as one person: far past a person's rate limit.
                "--cohorte.limits.question.per-minute=1000000", "--cohorte.limits.question.per-day=1000000",
                "--cohorte.limits.post.per-minute=1000000", "--cohorte.limits.post.per-day=1000000",
                "--cohorte.limits.board-entry.per-minute=1000000", "--cohorte.limits.board-entry.per-day=1000000"));
        command.addAll(properties);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DB_URL", dbUrl);
        builder.environment().put("DB_USER", "cohorte");
        builder.environment().put("DB_PASSWORD", "cohorte");
        builder.environment().put("COHORTE_DEMO", "true");
        builder.environment().remove("SPRING_MAIL_HOST");
        File log = log().toFile();
        log.getParentFile().mkdirs();
        if (starts == 0) {
            // One log per test run; restarts append to it.
            Files.deleteIfExists(log.toPath());
        }
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        process = builder.start();
        starts++;
    }

    /** Polls the health probe until it says UP; fails early, with the log's tail, if the JVM died. */
    void awaitUp(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + tail());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not up after " + timeout + "\n" + tail());
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    int starts() {
        return starts;
    }

    Path log() {
        return Path.of("target", "faults", name + ".log");
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
