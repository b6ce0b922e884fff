package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CalendarService;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.LoginView;
import org.cohorte.incubator.IncubatorFixture;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.service.NotificationView;
import org.cohorte.performance.PerformanceFixture;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.domain.Period;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.performance.service.SteeringRoomService;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.shell.AccessDeniedView;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every cell of {@code security/authorization-matrix.csv}: views through Karibu, HTTP on the running server,
 * service actions called as each user. The matrix is the expectation; the guards below fail when the
 * application has a route or a Spring MVC mapping the matrix does not mention.
 */
public class AuthorizationMatrixIT extends ViewTest {

    static final List<String> ACTORS = List.of("anonymous", Roles.ADMIN, Roles.FACILITATOR, Roles.PARTICIPANT,
            Roles.EXPERT, Roles.MANAGER, Roles.COMMITTEE, Roles.ADVISORY, Roles.FORUM, "insider");
    private static final AtomicInteger CHECKS = new AtomicInteger();
    private static final Map<String, String> ROLE_USERS = new LinkedHashMap<>();

    public record Row(int line, String kind, String target, Map<String, String> expected) {
        String label() {
            return "line " + line + " " + kind + " " + target;
        }
    }

    @Autowired TestProcesses processes;
    @Autowired InboxService inboxService;
    @Autowired CommunityService communityService;
    @Autowired QuestionService questionService;
    @Autowired KnowledgeBaseService knowledgeBaseService;
    @Autowired CalendarService calendarService;
    @Autowired CodevFixture codevFixture;
    @Autowired CodevGroupService groupService;
    @Autowired CodevSessionService sessionService;
    @Autowired IncubatorFixture incubatorFixture;
    @Autowired IncubatorService incubatorService;
    @Autowired PerformanceFixture performanceFixture;
    @Autowired IndicatorService indicatorService;
    @Autowired ReviewService reviewService;
    @Autowired SteeringRoomService steeringRoomService;
    @Autowired BlockerService blockerService;
    @Autowired MemberService memberService;
    @Autowired OrganizationService organizationService;
    @Autowired NotificationService notificationService;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvcMappings;

    public static List<Row> matrix(String kind) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                AuthorizationMatrixIT.class.getResourceAsStream("/security/authorization-matrix.csv"), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            List<String> header = null;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.stream(line.split(";", -1)).map(String::strip).toList();
                if (header == null) {
                    header = cells;
                    assertThat(header.subList(2, header.size())).as("matrix columns").isEqualTo(ACTORS);
                    continue;
                }
                assertThat(cells).as("cells of matrix line " + number).hasSize(header.size());
                if (!cells.get(0).equals(kind)) {
                    continue;
                }
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 0; i < ACTORS.size(); i++) {
                    expected.put(ACTORS.get(i), cells.get(i + 2));
                }
                rows.add(new Row(number, cells.get(0), cells.get(1), expected));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** One user per role, only that role; everyone has a profile in an organization of their own. */
    private String roleUser(String role) {
        synchronized (ROLE_USERS) {
            if (ROLE_USERS.isEmpty()) {
                String admin = data.user("mx-setup", Roles.ADMIN);
                UUID elsewhere = data.as(admin, () -> organizationService.create("Ailleurs " + UUID.randomUUID(), null,
                        OrganizationType.MINISTRY).getId());
                for (String r : Roles.ALL) {
                    String user = data.user("mx-" + r, r);
                    data.as(user, () -> memberService.updateMyProfile("Matrice " + r, elsewhere, "fr"));
                    ROLE_USERS.put(r, user);
                }
            }
            return ROLE_USERS.get(role);
        }
    }

    @AfterAll
    static void printSize() {
        System.out.println("MATRIX " + CHECKS.get() + " checks (" + (matrix("view").size() + matrix("rest").size()
                + matrix("service").size()) + " rows x " + ACTORS.size() + " actors)");
    }

    // ------------------------------------------------------------------ views

    private static String routeKey(String template) {
        return "/" + template.replaceAll(":___url_parameter", "{id}").replaceAll(":([A-Za-z_]+)\\??", "{$1}");
    }

    private static Component currentView() {
        return (Component) UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);
    }

    @Test
    void every_route_of_the_application_is_in_the_matrix() {
        signIn(null);
        Set<String> routes = RouteConfiguration.forApplicationScope().getAvailableRoutes().stream()
                .map(RouteData::getTemplate).map(AuthorizationMatrixIT::routeKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> rows = matrix("view").stream().map(Row::target).collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).as("routes without a row in authorization-matrix.csv").isSubsetOf(rows);
        assertThat(rows).as("matrix rows for routes that no longer exist").isSubsetOf(routes);
    }

    @Test
    void every_view_admits_exactly_the_roles_of_the_matrix() {
        List<Row> rows = matrix("view");
        List<String> failures = new ArrayList<>();
        for (String actor : ACTORS) {
            if (actor.equals("insider")) {
                continue;
            }
            signIn(actor.equals("anonymous") ? null : roleUser(actor));
            for (Row row : rows) {
                String expected = row.expected().get(actor);
                if (expected.equals("-")) {
                    continue;
                }
                String path = row.target().replace("{id}", UUID.randomUUID().toString()).substring(1);
                UI.getCurrent().navigate(path);
                Class<?> landed = currentView().getClass();
                Class<?> wanted = switch (expected) {
                    case "allow" -> RouteConfiguration.forApplicationScope().getRoute(path).orElseThrow();
                    case "deny" -> AccessDeniedView.class;
                    case "login" -> LoginView.class;
                    default -> RouteConfiguration.forApplicationScope().getRoute(expected.substring(1)).orElseThrow();
                };
                CHECKS.incrementAndGet();
                if (!wanted.equals(landed)) {
                    failures.add(row.label() + " as " + actor + ": expected " + expected + " (" + wanted.getSimpleName()
                            + ") but landed on " + landed.getSimpleName());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    // ------------------------------------------------------------------ HTTP

    private static String method(Row row) {
        return row.target().substring(0, row.target().indexOf(' '));
    }

    /** The path of a rest row: "METHOD /path[?query] [json body]". */
    private static String path(Row row) {
        String rest = row.target().substring(row.target().indexOf(' ') + 1);
        return rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest;
    }

    /** The row's JSON body, or one carrying none of the fields Cohorte's actions read (Camunda's shape). */
    private static String body(Row row) {
        String rest = row.target().substring(row.target().indexOf(' ') + 1);
        return rest.contains(" ") ? rest.substring(rest.indexOf(' ') + 1)
                : "{\"variables\":{\"assignee\":{\"value\":\"nobody\"},\"due\":{\"value\":null}}}";
    }

    @Test
    void every_spring_mvc_mapping_is_in_the_matrix() {
        List<Row> rows = matrix("rest");
        List<String> missing = new ArrayList<>();
        for (RequestMappingInfo info : mvcMappings.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name)
                    .collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
                boolean covered = rows.stream().anyMatch(row -> (methods.isEmpty() || methods.contains(method(row)))
                        && parsed.matches(PathContainer.parsePath(path(row).replaceAll("\\?.*", "")
                        .replaceAll("\\{[a-zA-Z]+}", "x"))));
                if (!covered) {
                    missing.add(methods + " " + pattern);
                }
            }
        }
        assertThat(missing).as("Spring MVC mappings without a rest row in authorization-matrix.csv").isEmpty();
    }

    /** The records a REST row's placeholders stand for, made fresh for each check, and their rightful user. */
    private record Placeholders(String insider, Map<String, String> values) {
    }

    private Placeholders placeholders(Row row) {
        String target = row.target();
        Map<String, String> values = new LinkedHashMap<>();
        String insider = null;
        if (target.contains("{task}")) {
            insider = data.user("mx-owner", Roles.PARTICIPANT);
            values.put("{task}", processes.personalTask(insider, null).getId());
        }
        if (target.contains("{org}")) {
            PerformanceFixture.Org org = performanceFixture.organization("mxrest");
            insider = org.manager();
            values.put("{org}", org.id().toString());
        }
        if (target.contains("{feedToken}")) {
            String facilitator = data.user("mx-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
            String member = data.user("mx-cal", Roles.PARTICIPANT);
            UUID community = data.as(facilitator, () -> {
                UUID id = communityService.create("Calendrier " + UUID.randomUUID(), "RH", "Charte", false).getId();
                communityService.addMember(id, member, CommunityRole.MEMBER);
                return id;
            });
            String feed = data.as(member, () -> calendarService.feedPath(community));
            values.put("{feedToken}", feed.substring(CalendarService.FEED_PATH.length(), feed.length() - ".ics".length()));
            insider = member;
        }
        if (target.contains("{question}")) {
            Question q = question();
            insider = q.member();
            values.put("{question}", q.question().toString());
        }
        if (target.contains("{group}")) {
            CodevFixture.Group g = codevFixture.group(4);
            insider = g.facilitator();
            values.put("{group}", g.id().toString());
        }
        if (target.contains("{session}")) {
            CodevFixture.Group g = codevFixture.group(4);
            insider = g.member(0);
            values.put("{session}", codevFixture.launch(g, SessionMode.ASYNC).toString());
        }
        if (target.contains("{uuid}")) {
            values.put("{uuid}", UUID.randomUUID().toString());
        }
        return new Placeholders(insider, values);
    }

    @Test
    void every_endpoint_answers_each_role_as_the_matrix_says() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        processes.personalTask(data.user("mx-deploy", Roles.PARTICIPANT), null); // deploys the test processes
        List<String> failures = new ArrayList<>();
        for (Row row : matrix("rest")) {
            Placeholders shared = method(row).equals("GET") ? placeholders(row) : null;
            for (String actor : ACTORS) {
                String expected = row.expected().get(actor);
                if (expected.equals("-")) {
                    continue;
                }
                Placeholders p = shared != null ? shared : placeholders(row);
                String user = actor.equals("anonymous") ? null : actor.equals("insider") ? p.insider() : roleUser(actor);
                String path = path(row);
                for (var e : p.values().entrySet()) {
                    path = path.replace(e.getKey(), e.getValue());
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path));
                if (user != null) {
                    request.header("Authorization", "Bearer " + data.token(user));
                }
                if (method(row).equals("GET")) {
                    request.GET();
                } else {
                    request.header("Content-Type", "application/json").method(method(row),
                            HttpRequest.BodyPublishers.ofString(body(row)));
                }
                int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                CHECKS.incrementAndGet();
                if (!Set.of(expected.split("\\|")).contains(String.valueOf(status))) {
                    failures.add(row.label() + " as " + actor + ": expected " + expected + " but got " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    // ------------------------------------------------------------------ services

    /** A service row: what to set up (once per row, or once per actor when the action changes the record). */
    private record Action<C>(boolean freshPerActor, Supplier<C> setup, Function<C, String> insider,
                             java.util.function.BiConsumer<C, String> run) {
    }

    private static <C> Action<C> reading(Supplier<C> setup, Function<C, String> insider,
                                         java.util.function.BiConsumer<C, String> run) {
        return new Action<>(false, setup, insider, run);
    }

    private static <C> Action<C> changing(Supplier<C> setup, Function<C, String> insider,
                                          java.util.function.BiConsumer<C, String> run) {
        return new Action<>(true, setup, insider, run);
    }

    record Question(String member, UUID community, UUID question, UUID article) {
    }

    record Task(String owner, String taskId) {
    }

    private Task personalTask() {
        String owner = data.user("mx-owner", Roles.PARTICIPANT);
        return new Task(owner, processes.personalTask(owner, null).getId());
    }

    private Question question() {
        String facilitator = data.user("mx-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        String member = data.user("mx-membre", Roles.PARTICIPANT);
        UUID community = data.as(facilitator, () -> {
            UUID id = communityService.create("Communauté fermée " + UUID.randomUUID(), "RH", "Charte", null,
                    List.of(facilitator), false).getId();
            communityService.addMember(id, member, CommunityRole.MEMBER);
            return id;
        });
        UUID question = data.as(member, () -> questionService.ask(community, "Question confidentielle",
                "Un cas de mon équipe.", List.of("rh")));
        UUID article = data.as(member, () -> knowledgeBaseService.publish(community, "Article interne",
                "Seulement pour les membres.", List.of(), null, null));
        return new Question(member, community, question, article);
    }

    private IndicatorDefinition definition(PerformanceFixture.Org org) {
        return new IndicatorDefinition("Délai", "jours", 30, LocalDate.of(2026, 1, 1), 20, LocalDate.of(2027, 1, 1),
                Direction.LOWER, Frequency.QUARTERLY, org.owner(), org.validator());
    }

    record Measured(PerformanceFixture.Org org, Indicator indicator) {
    }

    private Measured indicator() {
        PerformanceFixture.Org org = performanceFixture.organization("mxsvc");
        return new Measured(org, performanceFixture.indicator(org, "Délai de traitement", 30, LocalDate.of(2026, 1, 1), 20,
                LocalDate.of(2027, 1, 1), Direction.LOWER));
    }

    private static final AtomicInteger REVIEWS = new AtomicInteger();

    private Map<String, Action<?>> serviceActions() {
        Map<String, Action<?>> actions = new LinkedHashMap<>();
        actions.put("tasks: read another user's task", reading(this::personalTask, Task::owner,
                (t, user) -> inboxService.get(t.taskId())));
        actions.put("tasks: claim another user's task", changing(this::personalTask, Task::owner,
                (t, user) -> inboxService.claim(t.taskId())));
        actions.put("tasks: complete another user's task", changing(this::personalTask, Task::owner,
                (t, user) -> inboxService.complete(t.taskId(), Map.of())));
        actions.put("tasks: claim a task offered to another group", changing(() -> {
            String member = data.user("mx-grp", Roles.PARTICIPANT);
            return new Task(member, processes.groupTask(data.group(member), null).getId());
        }, Task::owner, (t, user) -> inboxService.claim(t.taskId())));

        actions.put("community: create a community", reading(() -> null, c -> null,
                (c, user) -> communityService.create("Nouvelle " + UUID.randomUUID(), "RH", "Charte", false)));
        actions.put("community: read another community's question", reading(this::question, Question::member,
                (q, user) -> questionService.get(q.question())));
        actions.put("community: read another community's answers", reading(this::question, Question::member,
                (q, user) -> questionService.posts(q.question())));
        actions.put("community: read another community's article", reading(this::question, Question::member,
                (q, user) -> knowledgeBaseService.get(q.article())));
        actions.put("community: ask in another community", reading(this::question, Question::member,
                (q, user) -> questionService.ask(q.community(), "Une autre question", "Le corps.", List.of())));
        actions.put("community: change another community's promise", changing(() -> {
            String facilitator = data.user("mx-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
            UUID id = data.as(facilitator, () -> communityService.create("Promesse " + UUID.randomUUID(), "RH",
                    "Charte", null, List.of(facilitator), false).getId());
            return new Question(facilitator, id, null, null);
        }, Question::member, (q, user) -> communityService.updatePromise(q.community(), 48, 40)));
        actions.put("community: read another community's directory", reading(this::question, Question::member,
                (q, user) -> communityService.directory(q.community())));

        actions.put("codevelopment: read another group's cases", reading(() -> codevFixture.group(4),
                g -> g.member(0), (g, user) -> groupService.get(g.id())));
        actions.put("codevelopment: read another group's session board", reading(() -> {
            CodevFixture.Group g = codevFixture.group(4);
            return Map.entry(g, codevFixture.launch(g, SessionMode.ASYNC));
        }, e -> e.getKey().member(0), (e, user) -> sessionService.board(e.getValue())));
        actions.put("codevelopment: add a member to another group", changing(() -> {
            CodevFixture.Group g = codevFixture.group(4);
            String newcomer = data.user("mx-pair", Roles.PARTICIPANT);
            data.as(g.facilitator(), () -> communityService.addMember(g.communityId(), newcomer, CommunityRole.MEMBER));
            return Map.entry(g, newcomer);
        }, e -> e.getKey().facilitator(), (e, user) -> groupService.addMember(e.getKey().id(), e.getValue())));

        actions.put("incubator: propose an experiment", reading(incubatorFixture::cast, c -> null,
                (cast, user) -> incubatorService.propose(incubatorFixture.proposal(cast, 1000, 4))));
        actions.put("incubator: read another person's unpublished experiment", reading(() -> {
            IncubatorFixture.Cast cast = incubatorFixture.cast();
            return Map.entry(cast, incubatorFixture.propose(cast, 1000, 4));
        }, e -> e.getKey().proposer(), (e, user) -> incubatorService.get(e.getValue())));

        actions.put("performance: read another organization's indicator", reading(this::indicator,
                m -> m.org().manager(), (m, user) -> indicatorService.indicator(m.indicator().getId())));
        actions.put("performance: read another organization's indicator history", reading(this::indicator,
                m -> m.org().manager(), (m, user) -> indicatorService.history(m.indicator().getId())));
        actions.put("performance: change another organization's indicator", changing(this::indicator,
                m -> m.org().manager(), (m, user) -> indicatorService.updateIndicator(m.indicator().getId(), definition(m.org()))));
        actions.put("performance: add an objective to another organization", reading(this::indicator,
                m -> m.org().manager(), (m, user) -> indicatorService.createObjective(m.org().id(), "Objectif " + user, null)));
        actions.put("performance: start another organization's review", changing(this::indicator,
                m -> m.org().manager(), (m, user) -> reviewService.startReview(m.org().id(),
                        "20" + (30 + REVIEWS.incrementAndGet() % 60) + "-Q1")));
        actions.put("performance: another organization's steering room", reading(this::indicator,
                m -> m.org().manager(), (m, user) -> steeringRoomService.overview(Period.parse("2026-Q1"), List.of(m.org().id()))));

        actions.put("blocker: list every open blocker", reading(() -> null, c -> null,
                (c, user) -> blockerService.openBlockers()));
        actions.put("identity: list every member", reading(() -> null, c -> null,
                (c, user) -> memberService.listMembers()));
        actions.put("identity: read another member's account", reading(() -> data.user("mx-autre", Roles.PARTICIPANT),
                other -> other, (other, user) -> memberService.getMember(other)));
        actions.put("identity: create an organization", reading(() -> null, c -> null,
                (c, user) -> organizationService.create("Organisation " + UUID.randomUUID(), null, OrganizationType.AGENCY)));
        actions.put("notification: mark another user's notification read", changing(() -> {
            String owner = data.user("mx-notif", Roles.PARTICIPANT);
            notificationService.notify(List.of(owner), "notification.test", List.of(), null);
            UUID id = data.as(owner, () -> notificationService.recent(1)).stream().map(NotificationView::id)
                    .findFirst().orElseThrow();
            return Map.entry(owner, id);
        }, Map.Entry::getKey, (e, user) -> notificationService.markRead(e.getValue())));
        return actions;
    }

    @Test
    void every_service_action_is_allowed_or_refused_as_the_matrix_says() {
        Map<String, Action<?>> actions = serviceActions();
        List<Row> rows = matrix("service");
        assertThat(rows.stream().map(Row::target).toList()).as("service rows and implemented actions")
                .containsExactlyInAnyOrderElementsOf(actions.keySet());
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            failures.addAll(check(row, actions.get(row.target())));
        }
        assertThat(failures).isEmpty();
    }

    private <C> List<String> check(Row row, Action<C> action) {
        List<String> failures = new ArrayList<>();
        C shared = action.freshPerActor() ? null : action.setup().get();
        for (String actor : ACTORS) {
            String expected = row.expected().get(actor);
            if (expected.equals("-")) {
                continue;
            }
            C context = shared != null || !action.freshPerActor() ? shared : action.setup().get();
            String user = actor.equals("anonymous") ? null
                    : actor.equals("insider") ? action.insider().apply(context) : roleUser(actor);
            String outcome;
            try {
                if (user == null) {
                    SecurityContextHolder.clearContext();
                    action.run().accept(context, null);
                } else {
                    data.as(user, () -> action.run().accept(context, user));
                }
                outcome = "allow";
            } catch (ForbiddenException | NotFoundException e) {
                outcome = "deny";
            } catch (RuntimeException e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            CHECKS.incrementAndGet();
            if (!outcome.equals(expected)) {
                failures.add(row.label() + " as " + actor + ": expected " + expected + " but got " + outcome);
            }
        }
        return failures;
    }
}
