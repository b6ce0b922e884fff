package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.startup.StartupTask;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.demo.DemoDataSeeder;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.service.IncubatorPortfolio;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Accessibility and small screens, as each role sees Cohorte with the demo data: every route of the authorization
 * matrix the role may open (records, boards and task pages with real ids) and the dialogs are checked by axe-core
 * (WCAG 2.1 A and AA rules) at 1280 px, and the same pages at 360 px must not scroll sideways (page, grids,
 * dialogs) nor clip the header's title. Serious or critical axe violations and any overflow fail the test;
 * the counts by impact are printed per role ("AXE ...").
 */
class AccessibilityBrowserIT extends IntegrationTest {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** The demo account of each role (README's table). */
    private static final Map<String, String> DEMO_USERS = new LinkedHashMap<>();

    static {
        DEMO_USERS.put(Roles.ADMIN, "admin");
        DEMO_USERS.put(Roles.FACILITATOR, "animateur");
        DEMO_USERS.put(Roles.PARTICIPANT, "membre");
        DEMO_USERS.put(Roles.EXPERT, "expert");
        DEMO_USERS.put(Roles.MANAGER, "gestionnaire");
        DEMO_USERS.put(Roles.COMMITTEE, "comite");
        DEMO_USERS.put(Roles.ADVISORY, "consultatif");
        DEMO_USERS.put(Roles.FORUM, "forum");
    }

    /**
     * The page has loaded and Vaadin's client engine has no request under way; a page outside the app layout
     * (login, an invitation's welcome) shows its own root.
     */
    private static final String IDLE = """
            const flow = window.Vaadin && window.Vaadin.Flow;
            return document.readyState === 'complete' && !!flow && !!flow.clients
                && Object.values(flow.clients).every(c => !(c.isActive && c.isActive()))
                && !!document.querySelector('vaadin-app-layout, vaadin-login-form, vaadin-login-overlay, .login-view');
            """;
    /**
     * axe-core on the whole document (open shadow roots included), WCAG 2.1 A/AA rules only. Vaadin's development
     * tools exist only in development mode, which users never get, so they are left out.
     */
    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            axe.run({exclude: [['vaadin-dev-tools']]},
                    {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
              .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact || 'none', nodes: v.nodes.length,
                    where: v.nodes.slice(0, 3).map(n => JSON.stringify(n.target) + ' ' + (n.failureSummary || '')
                        .replace(/\\s+/g, ' ')).join(' | ')}))))
              .catch(e => done([{id: 'axe-error', impact: 'critical', nodes: 1, where: String(e)}]));
            """;
    /** What does not fit a phone: sideways scroll of the page, a grid or a dialog, a clipped header title. */
    private static final String OVERFLOW = """
            const w = window.innerWidth, problems = [];
            const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
            if (page > w) problems.push('page is ' + page + ' px wide for ' + w);
            const title = document.querySelector('.view-title');
            if (title && (title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1
                    || title.clientWidth < 40))
              problems.push('title clipped: ' + title.textContent + ' (' + title.scrollWidth + '/' + title.clientWidth + ')');
            // Vaadin's app layout scrolls in its own content region, not the document: every scroll container of the
            // page, shadow roots included, must not scroll sideways (tabs scroll by design, with arrows; fields
            // scroll their own text).
            const walk = root => root.querySelectorAll('*').forEach(el => {
              if (el.shadowRoot) walk(el.shadowRoot);
              const host = el.getRootNode() && el.getRootNode().host;
              if (['INPUT', 'TEXTAREA'].includes(el.tagName) || (host && host.tagName === 'VAADIN-TABS')
                  || el.tagName === 'VAADIN-TABS' || el.clientWidth === 0) return;
              const x = getComputedStyle(el).overflowX;
              if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1)
                problems.push((host ? host.tagName.toLowerCase() + ' ' : '') + el.tagName.toLowerCase()
                    + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined && el.className
                    ? '.' + String(el.className).split(' ')[0] : '') + ' scrolls sideways: ' + el.scrollWidth + '/' + el.clientWidth);
            });
            walk(document);
            document.querySelectorAll('vaadin-grid').forEach(g => {
              const table = g.shadowRoot && g.shadowRoot.querySelector('#table');
              if (table && g.offsetParent !== null && table.scrollWidth > table.clientWidth + 1)
                problems.push('grid ' + (g.id || g.className) + ' scrolls sideways: ' + table.scrollWidth + '/' + table.clientWidth);
            });
            document.querySelectorAll('vaadin-dialog-overlay').forEach(o => {
              const box = o.shadowRoot && o.shadowRoot.querySelector('[part=overlay]');
              const content = o.shadowRoot && o.shadowRoot.querySelector('[part=content]');
              if (box && (box.getBoundingClientRect().right > w + 1 || box.getBoundingClientRect().left < -1))
                problems.push('dialog wider than the screen: ' + Math.round(box.getBoundingClientRect().width));
              if (content && content.scrollWidth > content.clientWidth + 1)
                problems.push('dialog scrolls sideways: ' + content.scrollWidth + '/' + content.clientWidth);
            });
            return problems;
            """;

    @Autowired
    ApplicationContext context;
    @Autowired
    TaskService taskService;
    @Autowired
    CommunityService communityService;
    @Autowired
    QuestionService questionService;
    @Autowired
    KnowledgeBaseService knowledgeBaseService;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    IncubatorPortfolio portfolio;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    private static String axeSource;
    private final List<String> failures = new ArrayList<>();
    private final List<String> report = new ArrayList<>();
    private final Set<String> shots = new java.util.HashSet<>();

    @BeforeAll
    static void chromiumAndAxe() {
        Browser.requireChromium();
        try (InputStream in = AccessibilityBrowserIT.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js on the test classpath (com.deque.html.axe-core:selenium)").isNotNull();
            axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The demo data, as `-Dspring-boot.run.profiles=demo` seeds it: each demo seeder is switched on for one run
     * (they are beans of the test context, off there); each seeds only what is not there yet.
     */
    private void seedDemo() throws Exception {
        List<StartupTask> seeders = context.getBeansOfType(StartupTask.class).values().stream()
                .filter(t -> t.getClass().getPackageName().equals(DemoDataSeeder.class.getPackageName()))
                .sorted(Comparator.comparingInt(StartupTask::startupOrder)).toList();
        assertThat(seeders).hasSizeGreaterThanOrEqualTo(5);
        for (StartupTask seeder : seeders) {
            Field enabled = org.springframework.util.ReflectionUtils.findField(
                    org.springframework.aop.support.AopUtils.getTargetClass(seeder), "enabled");
            enabled.setAccessible(true);
            Object target = org.springframework.aop.framework.AopProxyUtils.getSingletonTarget(seeder);
            Object bean = target != null ? target : seeder;
            enabled.setBoolean(bean, true);
            try {
                seeder.runAtStartup();
            } finally {
                enabled.setBoolean(bean, false);
            }
        }
        assertThat(identityService.createUserQuery().userId("forum").count()).isOne();
    }

    private static void idle(Browser browser) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60), Duration.ofMillis(100))
                .until(d -> Boolean.TRUE.equals(browser.driver().executeScript(IDLE)));
    }

    private static Browser browser(String baseUrl, int width) {
        Browser browser = new Browser(baseUrl, width, width < 500 ? 740 : 900);
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        return browser;
    }

    private void signIn(Browser browser, String user) {
        browser.signIn(user, DemoDataSeeder.DEMO_PASSWORD);
        browser.waitUntilSignedIn();
        idle(browser);
    }

    /** Runs axe on what the browser shows now; serious and critical violations are failures. */
    @SuppressWarnings("unchecked")
    private void axe(Browser browser, String role, String where, Map<String, Integer> counts) {
        if (!Boolean.TRUE.equals(browser.driver().executeScript("return !!window.axe;"))) {
            browser.driver().executeScript(axeSource);
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) browser.driver().executeAsyncScript(RUN_AXE, WCAG);
        for (Map<String, Object> v : violations) {
            String impact = String.valueOf(v.get("impact"));
            counts.merge(impact, ((Number) v.get("nodes")).intValue(), Integer::sum);
            String line = role + " " + where + ": " + impact + " " + v.get("id") + " x" + v.get("nodes") + " " + v.get("where");
            report.add(line);
            System.out.println("AXE-DETAIL " + line);
            if (impact.equals("serious") || impact.equals("critical")) {
                failures.add(line);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void fits(Browser phone, String role, String where) {
        List<String> problems = (List<String>) phone.driver().executeScript(OVERFLOW);
        // Screens narrow their grids once the browser has told the server its width (one round trip, which a busy
        // machine may not have made by now): measure again for up to 5 s before calling it an overflow.
        for (int attempt = 0; attempt < 10 && !problems.isEmpty(); attempt++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            problems = (List<String>) phone.driver().executeScript(OVERFLOW);
        }
        problems.forEach(p -> failures.add(role + " 360px " + where + ": " + p));
        problems.forEach(p -> System.out.println("OVERFLOW " + role + " 360px " + where + ": " + p));
    }

    /**
     * A page with tabs (a community: questions, knowledge, calendar, directory, roster, settings) shows only its first
     * tab at its address: each other tab this person is offered is opened in both browsers and checked the same way.
     */
    private int otherTabs(Browser desk, Browser phone, String role, String path, Map<String, Integer> counts) {
        String count = "return document.querySelectorAll('vaadin-tabsheet vaadin-tab').length;";
        long tabs = ((Number) desk.driver().executeScript(count)).longValue();
        if (tabs != ((Number) phone.driver().executeScript(count)).longValue()) {
            failures.add(role + " " + path + ": not the same tabs at 1280 px and 360 px");
            return 0;
        }
        for (int tab = 1; tab < tabs; tab++) {
            String where = path + " tab " + tab;
            for (Browser b : List.of(desk, phone)) {
                b.driver().executeScript("document.querySelectorAll('vaadin-tabsheet vaadin-tab')[arguments[0]].click();", tab);
                idle(b);
            }
            axe(desk, role, where, counts);
            fits(phone, role, where);
            String shot = "a11y-360-" + role + "-tab" + tab + path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "id")
                    .replaceAll("[^A-Za-z0-9]+", "-");
            if (shots.add(shot)) {
                phone.screenshot(shot);
            }
        }
        return (int) Math.max(0, tabs - 1);
    }

    /** Concrete addresses for a route pattern, as this person: their records, else a record that does not exist. */
    private List<String> addresses(String pattern, String user) {
        List<String> ids = switch (pattern) {
            case "/tasks/{id}" -> {
                Map<String, String> byKind = new LinkedHashMap<>();
                List<Task> mine = new ArrayList<>(taskService.createTaskQuery().taskAssignee(user).list());
                mine.addAll(taskService.createTaskQuery().taskCandidateUser(user).list());
                for (Task task : mine) {
                    byKind.putIfAbsent(task.getTaskDefinitionKey(), task.getId());
                }
                yield byKind.values().stream().limit(6).toList();
            }
            case "/community/{id}" -> data.as(user, () -> communityService.visibleCommunities().stream()
                    .map(c -> c.getId().toString()).limit(2).toList());
            case "/question/{id}" -> data.as(user, () -> communityService.visibleCommunities().stream()
                    .flatMap(c -> readable(() -> questionService.listForCommunity(c.getId(), 3)).stream()).map(q -> q.id().toString())
                    .limit(2).toList());
            case "/article/{id}" -> data.as(user, () -> communityService.visibleCommunities().stream()
                    .flatMap(c -> readable(() -> knowledgeBaseService.listForCommunity(c.getId())).stream()).map(a -> a.id().toString())
                    .limit(1).toList());
            case "/codevelopment/group/{id}" -> data.as(user, () -> groupService.myGroups().stream()
                    .map(g -> g.id().toString()).limit(1).toList());
            case "/codevelopment/session/{id}" -> data.as(user, () -> groupService.myGroups().stream()
                    .flatMap(g -> readable(() -> sessionService.history(g.id())).stream()).map(s -> s.id().toString()).limit(2).toList());
            case "/incubator/experiment/{id}" -> data.as(user, () -> portfolio.visibleSnapshots(List.of()).stream()
                    .map(e -> e.id().toString()).limit(3).toList());
            default -> List.of();
        };
        if (!pattern.contains("{id}")) {
            return List.of(pattern);
        }
        List<String> ids1 = ids.isEmpty() ? List.of(UUID.randomUUID().toString()) : ids;
        return ids1.stream().map(id -> pattern.replace("{id}", id)).toList();
    }

    /** What this person may read of a record, or nothing (a community listed but closed to them, a left group). */
    private static <T> List<T> readable(java.util.function.Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException refused) {
            return List.of();
        }
    }

    /** Dialogs a role opens: the button that opens it on which page, and a field that shows it is open. */
    private static final Map<String, List<String[]>> DIALOGS = Map.of(
            Roles.ADMIN, List.<String[]>of(new String[] {"/admin/members", "#new-member", "#member-user-id"}),
            Roles.FACILITATOR, List.<String[]>of(new String[] {"/communities", "#community-create", "#community-name"}),
            Roles.MANAGER, List.<String[]>of(new String[] {"/performance/indicators", "#new-indicator", "#indicator-name"}));

    @Test
    void axe_and_the_overflow_check_report_what_they_should_so_an_empty_list_means_none() {
        Map<String, Integer> counts = new TreeMap<>();
        try (Browser desk = browser(baseUrl(), 1280); Browser phone = browser(baseUrl(), 360)) {
            desk.open("/login");
            idle(desk);
            // An image without a text alternative and a nameless button: axe must report both, as critical.
            desk.driver().executeScript("const i = document.createElement('img'); i.src = 'data:image/gif;base64,"
                    + "R0lGODlhAQABAAAAACw='; document.body.appendChild(i);"
                    + " const b = document.createElement('button'); document.body.appendChild(b);");
            axe(desk, "control", "/login", counts);
            failures.clear();
            // Something wider than the phone inside a signed-in screen, which scrolls in the app layout's region.
            String user = data.user("a11y-control", Roles.PARTICIPANT);
            phone.signIn(user, org.cohorte.testsupport.TestData.PASSWORD);
            phone.waitUntilSignedIn();
            phone.open("/profile");
            idle(phone);
            fits(phone, "control", "/profile");
            assertThat(failures).as("the profile page fits before the planted element").isEmpty();
            phone.driver().executeScript("const d = document.createElement('div'); d.style.minWidth = '600px';"
                    + " d.textContent = 'x'; document.querySelector('vaadin-app-layout > :not([slot])').appendChild(d);");
            fits(phone, "control", "/profile");
        }
        assertThat(report).anyMatch(line -> line.contains("critical image-alt"))
                .anyMatch(line -> line.contains("critical button-name"));
        assertThat(failures).anyMatch(line -> line.contains("control 360px /profile: vaadin-app-layout div scrolls sideways"));
    }

    @Test
    void every_screen_of_every_role_passes_axe_and_fits_a_phone() throws Exception {
        seedDemo();
        List<org.cohorte.security.AuthorizationMatrixIT.Row> routes = org.cohorte.security.AuthorizationMatrixIT.matrix("view");
        long started = System.nanoTime();
        Map<String, Map<String, Integer>> byRole = new TreeMap<>();
        int pages = 0;
        try (Browser anonymous = browser(baseUrl(), 1280); Browser phone = browser(baseUrl(), 360)) {
            Map<String, Integer> counts = byRole.computeIfAbsent("anonymous", r -> new TreeMap<>());
            anonymous.open("/login");
            idle(anonymous);
            axe(anonymous, "anonymous", "/login", counts);
            phone.open("/login");
            idle(phone);
            fits(phone, "anonymous", "/login");
            phone.screenshot("a11y-360-login");
            pages++;
        }
        for (Map.Entry<String, String> entry : DEMO_USERS.entrySet()) {
            String role = entry.getKey();
            String user = entry.getValue();
            Map<String, Integer> counts = byRole.computeIfAbsent(role, r -> new TreeMap<>());
            Set<String> paths = new LinkedHashSet<>();
            for (org.cohorte.security.AuthorizationMatrixIT.Row route : routes) {
                if ("allow".equals(route.expected().get(role))) {
                    paths.addAll(addresses(route.target(), user));
                }
            }
            try (Browser desk = browser(baseUrl(), 1280); Browser phone = browser(baseUrl(), 360)) {
                signIn(desk, user);
                signIn(phone, user);
                for (String path : paths) {
                    desk.open(path);
                    idle(desk);
                    assertThat(desk.driver().getCurrentUrl()).as(role + " " + path).doesNotContain("/login");
                    axe(desk, role, path, counts);
                    phone.open(path);
                    idle(phone);
                    fits(phone, role, path);
                    String shot = "a11y-360-" + role + path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "id").replaceAll("[^A-Za-z0-9]+", "-");
                    if (shots.add(shot)) {
                        phone.screenshot(shot);
                    }
                    pages++;
                    pages += otherTabs(desk, phone, role, path, counts);
                }
                for (String[] dialog : DIALOGS.getOrDefault(role, List.of())) {
                    for (Browser b : List.of(desk, phone)) {
                        b.open(dialog[0]);
                        idle(b);
                        b.click(dialog[1]);
                        b.waitFor(dialog[2]);
                        idle(b);
                    }
                    axe(desk, role, dialog[0] + " dialog " + dialog[1], counts);
                    fits(phone, role, dialog[0] + " dialog " + dialog[1]);
                    phone.screenshot("a11y-360-" + role + "-dialog" + dialog[1].replace("#", "-"));
                }
            }
        }
        byRole.forEach((role, counts) -> System.out.println("AXE " + role + " " + counts));
        System.out.println("AXE " + pages + " pages checked at 1280 px and 360 px in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        assertThat(pages).isGreaterThan(routes.size());
        assertThat(failures).isEmpty();
    }
}
