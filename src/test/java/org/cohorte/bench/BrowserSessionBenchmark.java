package org.cohorte.bench;

import static org.cohorte.bench.BenchmarkSupport.figure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Retained heap per signed-in browser session on the inbox, measured on the packaged application in production
 * mode ({@code target/bench/cohorte-production.jar}, built by {@code bench/cold-start build}; bench/run does it),
 * started in its own JVM on the benchmark database. {@value #DEFAULT_SESSIONS} (or -Dbench.browser.sessions) real
 * headless Chromium browsers (Debian's) each sign in through the login form as their own user (who has
 * {@value #TASKS_PER_USER} tasks) and stay open on the inbox.
 * <p>Heap is read with {@code jcmd <pid> GC.class_histogram}, which runs a full GC first and lists the live objects
 * only: its total is the live heap, garbage excluded. It is read once one warm-up session is signed in (so
 * one-time caches are not charged to the sessions) and the other browsers are open on a blank page, and again once
 * all are signed in and showing the inbox, browsers still open. Per session = (after - before) / count. The same
 * histograms count the live HTTP sessions, Vaadin sessions, UIs and InboxViews: the figure is refused unless
 * each grew by at least the number of browsers, so it cannot be measured over sessions that do not exist.
 * The users and their tasks are made through this test's Spring context, on the same database.
 */
@Tag("benchmark")
class BrowserSessionBenchmark extends IntegrationTest {

    static final int DEFAULT_SESSIONS = 20;
    static final int SESSIONS = Integer.getInteger("bench.browser.sessions", DEFAULT_SESSIONS);
    static final int TASKS_PER_USER = 10;
    static final String PROCESS = "bench_browser_task";
    static final Path JAR = Path.of(System.getProperty("bench.jar", "target/bench/cohorte-production.jar"));
    static final Map<String, String> COUNTED = Map.of(
            "org.apache.catalina.session.StandardSession", "httpSessions",
            "com.vaadin.flow.spring.SpringVaadinSession", "vaadinSessions",
            "com.vaadin.flow.component.UI", "uis",
            "org.cohorte.tasks.ui.InboxView", "inboxViews");

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    Environment environment;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run bench/cold-start build (bench/run does)");
        }
    }

    private String userWithTasks() {
        String user = data.user("bench-browser", Roles.PARTICIPANT);
        for (int i = 0; i < TASKS_PER_USER; i++) {
            runtimeService.startProcessInstanceByKey(PROCESS, Map.of("assignee", user));
        }
        return user;
    }

    private static void signInAndShowInbox(Browser browser, String user) {
        browser.signIn(user, TestData.PASSWORD);
        browser.waitUntilSignedIn();
        browser.waitForText("#inbox-grid", "Tâche de banc d’essai");
    }

    record Histogram(long totalBytes, Map<String, Long> counts) {
    }

    /** Live objects of the application's JVM: jcmd runs a full GC, then counts what survived. */
    private static Histogram histogram(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
        long total = -1;
        Map<String, Long> counts = new HashMap<>();
        COUNTED.values().forEach(name -> counts.put(name, 0L));
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("Total")) {
                total = Long.parseLong(f[2]);
            } else if (f.length >= 4 && COUNTED.containsKey(f[3])) {
                counts.put(COUNTED.get(f[3]), Long.parseLong(f[1]));
            }
        }
        if (total < 0) {
            throw new IllegalStateException("No total in the class histogram: " + out.lines().limit(5).toList());
        }
        return new Histogram(total, counts);
    }

    /** Two histograms in a row, the second kept: the first one's full GC lets finalizers and reference queues settle. */
    private static Histogram stableHistogram(long pid) throws IOException, InterruptedException {
        histogram(pid);
        Thread.sleep(1000);
        return histogram(pid);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Process startApplication(int port, Path log) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx1g", "-XX:+UseParallelGC", "-jar",
                JAR.toString(), "--spring.profiles.active=postgres", "--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DB_URL", environment.getRequiredProperty("spring.datasource.url"));
        builder.environment().put("DB_USER", environment.getRequiredProperty("spring.datasource.username"));
        builder.environment().put("DB_PASSWORD", environment.getProperty("spring.datasource.password", ""));
        builder.environment().put("COHORTE_DEMO", "false");
        Process app = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application stopped, see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return app;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        app.destroy();
        throw new IllegalStateException("The application did not answer within 180 s, see " + log);
    }

    @Test
    void retained_heap_per_signed_in_browser_session_on_the_inbox() throws Exception {
        String url = environment.getRequiredProperty("spring.datasource.url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("The packaged application runs on PostgreSQL: run with -Ppostgres (bench/run)");
        }
        repositoryService.createDeployment().enableDuplicateFiltering(true).addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).name("Banc navigateur").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("user_task_bench_browser").name("Tâche de banc d’essai")
                        .camundaAssignee("${assignee}").endEvent().done()).deploy();
        String warmUser = userWithTasks();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            users.add(userWithTasks());
        }
        int port = freePort();
        Path log = Path.of("target", "bench", "browser-sessions-app.log");
        Files.createDirectories(log.getParent());
        Process app = startApplication(port, log);
        String base = "http://127.0.0.1:" + port;
        List<Browser> browsers = new ArrayList<>();
        try {
            Browser warm = new Browser(base);
            browsers.add(warm);
            signInAndShowInbox(warm, warmUser);
            for (int i = 0; i < SESSIONS; i++) {
                Browser browser = new Browser(base);
                browser.driver().get("about:blank");
                browsers.add(browser);
            }
            Thread.sleep(2000);
            Histogram before = stableHistogram(app.pid());
            for (int i = 0; i < SESSIONS; i++) {
                signInAndShowInbox(browsers.get(i + 1), users.get(i));
            }
            // Let the last requests settle before measuring.
            Thread.sleep(3000);
            Histogram after = stableHistogram(app.pid());
            for (String counted : COUNTED.values()) {
                long grew = after.counts().get(counted) - before.counts().get(counted);
                if (grew < SESSIONS) {
                    throw new IllegalStateException("Only " + grew + " more live " + counted + " for " + SESSIONS
                            + " signed-in browsers: before " + before.counts() + ", after " + after.counts());
                }
            }
            figure("browser.sessions", SESSIONS, "sessions", "signed in, production jar; live after - before: "
                    + after.counts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + " +" + (e.getValue() - before.counts().get(e.getKey()))).toList());
            figure("browser.liveHeapBefore", before.totalBytes() / 1048576.0, "MB",
                    "jcmd GC.class_histogram total, 1 warm-up session, " + SESSIONS + " browsers on about:blank");
            figure("browser.liveHeapAfter", after.totalBytes() / 1048576.0, "MB", "all signed in on the inbox");
            figure("browser.retainedPerSession", (after.totalBytes() - before.totalBytes()) / 1024.0 / SESSIONS, "KB",
                    "(after - before) / " + SESSIONS + ", goal < 500 KB");
        } finally {
            for (Browser browser : browsers) {
                try {
                    browser.close();
                } catch (RuntimeException e) {
                    System.out.println("Could not close a browser: " + e);
                }
            }
            app.destroy();
            app.waitFor();
        }
    }
}
