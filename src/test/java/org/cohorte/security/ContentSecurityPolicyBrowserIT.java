package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application works under its Content-Security-Policy in a real Chromium: every route of the authorization
 * matrix opened by every role that may, dialogs opened, the live codevelopment board updated by server push.
 * Any violation the browser reports (a blocked script, style, image, font, connection or frame) fails the test.
 */
class ContentSecurityPolicyBrowserIT extends IntegrationTest {

    private static final String KEY = "cohorte-csp-violations";
    /** Runs before any script of every page: keeps each violation the browser reports in the tab's session storage. */
    private static final String COLLECTOR = """
            document.addEventListener('securitypolicyviolation', e => {
              const list = JSON.parse(sessionStorage.getItem('%s') || '[]');
              list.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at '
                  + (e.sourceFile || e.documentURI) + ':' + e.lineNumber + ' ' + (e.sample || ''));
              sessionStorage.setItem('%s', JSON.stringify(list));
            }, true);
            """.formatted(KEY, KEY);
    /** The page has loaded and Vaadin's client engine has no request under way. */
    private static final String IDLE = """
            const flow = window.Vaadin && window.Vaadin.Flow;
            return document.readyState === 'complete' && !!flow && !!flow.clients
                && Object.values(flow.clients).every(c => !(c.isActive && c.isActive()))
                && !!document.querySelector('vaadin-app-layout, vaadin-login-form, vaadin-login-overlay, .login-view');
            """;

    @Autowired
    OrganizationService organizationService;
    @Autowired
    MemberService memberService;
    @Autowired
    CommunityService communityService;
    @Autowired
    QuestionService questionService;
    @Autowired
    KnowledgeBaseService knowledgeBaseService;
    @Autowired
    TestProcesses processes;
    @Autowired
    CodevFixture codev;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    PerformanceFixture performance;

    private final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    private static Browser watched(String baseUrl) {
        Browser browser = new Browser(baseUrl);
        browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", COLLECTOR));
        return browser;
    }

    private static void idle(Browser browser) {
        // Polled often: some ninety pages are opened, each would otherwise wait half a second too long on average.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60), Duration.ofMillis(100)).until(d -> Boolean.TRUE.equals(
                browser.driver().executeScript(IDLE)));
    }

    /** Violations reported in this tab since the last look, kept with where they happened; then forgotten. */
    private void collect(Browser browser, String where) {
        Object reported = browser.driver().executeScript(
                "const v = JSON.parse(sessionStorage.getItem(arguments[0]) || '[]');"
                        + " sessionStorage.removeItem(arguments[0]); return v;", KEY);
        if (reported instanceof List<?> list) {
            list.forEach(v -> violations.add(where + ": " + v));
        }
    }

    private void open(Browser browser, String path, String who) {
        browser.open(path);
        idle(browser);
        collect(browser, who + " " + path);
    }

    private void signIn(Browser browser, String user, String who) {
        browser.signIn(user, TestData.PASSWORD);
        browser.waitUntilSignedIn();
        idle(browser);
        collect(browser, who + " signing in");
    }

    private String roleUser(String role, UUID organization) {
        String user = data.user("csp-" + role, role);
        data.as(user, () -> {
            memberService.updateMyProfile("CSP " + role, organization, "fr");
            return null;
        });
        return user;
    }

    @Test
    void the_collector_sees_a_violation_so_an_empty_list_means_none_happened() {
        try (Browser browser = watched(baseUrl())) {
            browser.open("/login");
            idle(browser);
            collect(browser, "login");
            // An image from elsewhere is not allowed: the browser must block it and report it here.
            browser.driver().executeScript("const i = new Image(); i.src = 'http://evil.example/pixel.png';"
                    + " document.body.appendChild(i);");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(browser.driver()
                    .executeScript("return (sessionStorage.getItem(arguments[0]) || '').includes('evil.example');", KEY)));
            collect(browser, "control");
        }
        assertThat(violations).singleElement().asString().contains("img-src", "evil.example");
    }

    @Test
    void every_route_opens_for_every_role_that_may_without_any_violation() {
        String admin = data.user("csp-setup", Roles.ADMIN);
        UUID organization = data.as(admin, () -> organizationService.create("CSP " + UUID.randomUUID(), null,
                OrganizationType.MINISTRY).getId());
        List<AuthorizationMatrixIT.Row> routes = AuthorizationMatrixIT.matrix("view");
        int opened = 0;
        try (Browser anonymous = watched(baseUrl())) {
            open(anonymous, "/login", "anonymous");
            anonymous.screenshot("csp-login");
            opened++;
        }
        // One browser, one person after the other (a new session each time): every page is a full load, so each
        // runs the bootstrap page's inline script again.
        try (Browser browser = watched(baseUrl())) {
            for (String role : Roles.ALL) {
                String user = roleUser(role, organization);
                browser.driver().manage().deleteAllCookies();
                signIn(browser, user, role);
                for (AuthorizationMatrixIT.Row route : routes) {
                    if (!"allow".equals(route.expected().get(role))) {
                        continue;
                    }
                    // Records of others: the view opens and says so, which exercises it as well.
                    open(browser, route.target().replace("{id}", UUID.randomUUID().toString()), role);
                    assertThat(browser.driver().getCurrentUrl()).as(role + " " + route.target()).doesNotContain("/login");
                    opened++;
                }
                browser.screenshot("csp-" + role);
            }
        }
        assertThat(opened).as("pages opened").isGreaterThan(routes.size());
        assertThat(violations).isEmpty();
    }

    @Test
    void records_dialogs_and_the_live_board_work_without_any_violation() {
        // A member with a community, a question, an article and a task of their own.
        String facilitator = data.user("csp-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        String member = data.user("csp-membre", Roles.PARTICIPANT);
        UUID community = data.as(facilitator, () -> {
            UUID id = communityService.create("Communauté CSP " + UUID.randomUUID(), "RH", "Charte", false).getId();
            communityService.addMember(id, facilitator, CommunityRole.FACILITATOR);
            communityService.addMember(id, member, CommunityRole.MEMBER);
            return id;
        });
        UUID question = data.as(member, () -> questionService.ask(community, "Une question de congé",
                "Comment reporter des jours de congé ?", List.of("rh")));
        UUID article = data.as(member, () -> knowledgeBaseService.publish(community, "Guide des congés",
                "Les règles de report.", List.of("rh"), null, null));
        String task = processes.personalTask(member, null).getId();
        try (Browser browser = watched(baseUrl())) {
            signIn(browser, member, "member");
            for (String path : List.of("/community/" + community, "/question/" + question, "/article/" + article,
                    "/tasks/" + task, "/tasks", "/profile")) {
                open(browser, path, "member");
            }
            assertThat(browser.pageText()).isNotBlank();
            browser.screenshot("csp-member-profile");
        }

        // Dialogs: a facilitator creates a community, an administrator a member, a manager an indicator.
        PerformanceFixture.Org org = performance.organization("csp");
        String admin = data.user("csp-admin", Roles.ADMIN);
        try (Browser browser = watched(baseUrl())) {
            signIn(browser, facilitator, "facilitator");
            open(browser, "/communities", "facilitator");
            browser.click("#community-create");
            browser.waitFor("#community-name");
            idle(browser);
            browser.screenshot("csp-dialog-community");
            collect(browser, "facilitator community dialog");
        }
        try (Browser browser = watched(baseUrl())) {
            signIn(browser, admin, "admin");
            open(browser, "/admin/members", "admin");
            browser.click("#new-member");
            browser.waitFor("#member-user-id");
            idle(browser);
            collect(browser, "admin member dialog");
        }
        try (Browser browser = watched(baseUrl())) {
            signIn(browser, org.manager(), "manager");
            open(browser, "/performance/indicators", "manager");
            browser.click("#new-indicator");
            browser.waitFor("#indicator-name");
            idle(browser);
            browser.screenshot("csp-dialog-indicator");
            collect(browser, "manager indicator dialog");
        }

        // The live board: the client prepares the case elsewhere; the open boards follow by server push.
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.LIVE);
        String client = codev.clientOf(g, session);
        String consultant = codev.consultantsOf(g, session).get(0);
        try (Browser board = watched(baseUrl()); Browser peer = watched(baseUrl())) {
            signIn(board, g.facilitator(), "facilitator");
            open(board, "/codevelopment/session/" + session, "facilitator");
            board.waitFor("#codev-board-title");
            signIn(peer, consultant, "consultant");
            open(peer, "/codevelopment/session/" + session, "consultant");
            peer.waitFor("#codev-board-title");
            data.as(client, () -> {
                sessionService.prepareCase(codev.task(session, Steps.TASK_PREPARE_CASE, client).getId(),
                        "Un cas poussé en direct", "Le contexte", null, null);
                return null;
            });
            board.waitForText("#codev-case", "Un cas poussé en direct");
            peer.waitForText("#codev-case", "Un cas poussé en direct");
            board.screenshot("csp-live-board");
            collect(board, "facilitator live board");
            collect(peer, "consultant live board");
        }
        assertThat(violations).isEmpty();
    }
}
