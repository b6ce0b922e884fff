package org.cohorte.bench;

import static org.cohorte.bench.BenchmarkSupport.figure;
import static org.cohorte.bench.BenchmarkSupport.liveHeap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
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
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import com.vaadin.flow.server.VaadinSession;

/**
 * Retained heap per signed-in browser session on the inbox: {@value #DEFAULT_SESSIONS} (or -Dbench.browser.sessions)
 * real headless Chromium browsers (Debian's), each signed in through the login form as its own user (who has
 * {@value #TASKS_PER_USER} tasks) and left showing the inbox. Heap is the live set after forced full GCs
 * ({@link BenchmarkSupport#liveHeap}) measured once all browsers are started on a blank page (so the WebDriver
 * clients living in this JVM are in the baseline) and again once all are signed in and showing the inbox, browsers
 * still open; the difference divided by the count. One warm-up session first, so one-time caches (routes, i18n,
 * templates) are not charged to the sessions. The server's sessions are then counted in Tomcat's session manager:
 * HTTP sessions holding an authenticated user of this run and a Vaadin session with UIs, so the figure cannot be
 * measured over sessions that do not exist. Note: tests run Vaadin in development mode (the production jar may
 * keep a little less per UI).
 */
@Tag("benchmark")
class BrowserSessionBenchmark extends IntegrationTest {

    static final int DEFAULT_SESSIONS = 20;
    static final int SESSIONS = Integer.getInteger("bench.browser.sessions", DEFAULT_SESSIONS);
    static final int TASKS_PER_USER = 10;
    static final String PROCESS = "bench_browser_task";

    @Autowired
    WebServerApplicationContext webContext;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
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

    @Test
    void retained_heap_per_signed_in_browser_session_on_the_inbox() throws Exception {
        repositoryService.createDeployment().enableDuplicateFiltering(true).addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).name("Banc navigateur").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("user_task_bench_browser").name("Tâche de banc d’essai")
                        .camundaAssignee("${assignee}").endEvent().done()).deploy();
        String warmUser = userWithTasks();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            users.add(userWithTasks());
        }
        List<Browser> browsers = new ArrayList<>();
        try {
            Browser warm = new Browser(baseUrl());
            browsers.add(warm);
            signInAndShowInbox(warm, warmUser);
            for (int i = 0; i < SESSIONS; i++) {
                Browser browser = new Browser(baseUrl());
                browser.driver().get("about:blank");
                browsers.add(browser);
            }
            Thread.sleep(2000);
            long before = liveHeap();
            int sessionsBefore = signedInSessions(Set.copyOf(users)).size();

            for (int i = 0; i < SESSIONS; i++) {
                signInAndShowInbox(browsers.get(i + 1), users.get(i));
            }
            // Let the last requests and push connections settle before measuring.
            Thread.sleep(3000);
            long after = liveHeap();
            Map<String, Integer> uisByUser = signedInSessions(Set.copyOf(users));
            if (sessionsBefore != 0 || uisByUser.size() != SESSIONS || uisByUser.values().stream().anyMatch(n -> n < 1)) {
                throw new IllegalStateException("Expected " + SESSIONS + " signed-in Vaadin sessions with a UI, found "
                        + uisByUser + " (before: " + sessionsBefore + ")");
            }
            int uis = uisByUser.values().stream().mapToInt(Integer::intValue).sum();
            figure("browser.sessions", SESSIONS, "sessions", "signed in, Vaadin UIs alive: " + uis
                    + ", HTTP sessions on the server: " + tomcatSessions().length);
            figure("browser.heapBefore", before / 1048576.0, "MB", "live heap, browsers open on about:blank");
            figure("browser.heapAfter", after / 1048576.0, "MB", "live heap, all signed in on the inbox");
            figure("browser.retainedPerSession", (after - before) / 1024.0 / SESSIONS, "KB",
                    "(after - before) / " + SESSIONS + ", goal < 500 KB");
        } finally {
            for (Browser browser : browsers) {
                try {
                    browser.close();
                } catch (RuntimeException e) {
                    System.out.println("Could not close a browser: " + e);
                }
            }
        }
    }

    private Session[] tomcatSessions() {
        TomcatWebServer server = (TomcatWebServer) webContext.getWebServer();
        Context context = (Context) server.getTomcat().getHost().findChildren()[0];
        return context.getManager().findSessions();
    }

    /** Users of this run signed in in a server session, with the number of Vaadin UIs that session holds. */
    private Map<String, Integer> signedInSessions(Set<String> users) {
        Map<String, Integer> found = new java.util.TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Session session : tomcatSessions()) {
            HttpSession http = session.getSession();
            Object security;
            try {
                security = http.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            } catch (IllegalStateException invalidated) {
                continue;
            }
            if (!(security instanceof SecurityContext context) || context.getAuthentication() == null
                    || !users.contains(context.getAuthentication().getName())) {
                continue;
            }
            String user = context.getAuthentication().getName();
            if (!seen.add(user)) {
                throw new IllegalStateException(user + " has two server sessions");
            }
            int uis = 0;
            for (String name : java.util.Collections.list(http.getAttributeNames())) {
                if (http.getAttribute(name) instanceof VaadinSession vaadin) {
                    int[] count = new int[1];
                    vaadin.accessSynchronously(() -> count[0] = vaadin.getUIs().size());
                    uis += count[0];
                }
            }
            found.put(user, uis);
        }
        return found;
    }
}
