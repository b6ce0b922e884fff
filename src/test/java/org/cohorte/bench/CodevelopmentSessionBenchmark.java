package org.cohorte.bench;

import static org.cohorte.bench.BenchmarkSupport.figure;
import static org.cohorte.bench.BenchmarkSupport.percentile;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.codevelopment.service.ActionInput;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.LaunchRequest;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.testsupport.SqlStatements;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A full codevelopment session (launch, preparation, opening, the six steps, learnings: 1 client, 5 consultants,
 * the facilitator) through Cohorte's services, VERSUS the same {@code codevelopment-session.bpmn} driven directly
 * through the bare Camunda API in the same engine (same database, same history level {@code full}): started by
 * key with the variables the service sets, the same user tasks completed with the same variables, tasks found
 * with the same query. Runs alternate, one Cohorte session then one bare session, after a warm-up of both.
 * <p>What "bare" leaves out is exactly what Cohorte adds: the domain tables (session, participants, entries,
 * actions), the checks (who may act, charter, step), notifications, the engine's authorization checks, and the
 * roster read from the domain. The bare copy of the model is the same XML with its delegates replaced by
 * {@link BareEnterStep} (it sets the step dates and the roster, as the real delegate and roster bean do, from
 * memory instead of the database) and {@link BareNoOp}; the roster is passed as two string variables.
 * Also counts the SQL statements each side sends for one session (PostgreSQL: each Execute; H2: query statistics).
 * Run: {@code bench/run CodevelopmentSessionBenchmark}.
 */
@Tag("benchmark")
class CodevelopmentSessionBenchmark extends IntegrationTest {

    /**
     * A server runs for days: the comparison is of compiled code. After 5 warm-up sessions, Cohorte's own code paths
     * (Hibernate, Spring Data) still ran partly interpreted while the engine's, shared by both sides, were compiled;
     * after 30 the per-session times stop falling (each session is some 40 transactions).
     */
    static final int WARMUP = Integer.getInteger("bench.codev.warmup", 30);
    static final int RUNS = Integer.getInteger("bench.codev.runs", 20);
    static final String BARE_KEY = Steps.PROCESS_KEY + "_bare";

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    DataSource dataSource;

    /** Groups of each user, read once: a signed-in person's groups are in their session, not re-read per click. */
    private final Map<String, List<String>> groupsOf = new HashMap<>();

    private <T> T as(String user, Supplier<T> action) {
        return SystemIdentity.runAs(user, groupsOf.computeIfAbsent(user, data::groupsOf), action);
    }

    private void as(String user, Runnable action) {
        as(user, () -> {
            action.run();
            return null;
        });
    }

    private String task(String businessKey, String taskKey, String assignee) {
        return taskService.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
                .taskAssignee(assignee).singleResult().getId();
    }

    /** One session as people drive it through Cohorte (what CodevFixture does, with each user's groups cached). */
    private UUID cohorteSession(CodevFixture.Group group) {
        String facilitator = group.facilitator();
        String client = as(facilitator, () -> groupService.get(group.id()).suggestedClientId());
        List<String> consultants = group.members().stream().filter(m -> !m.equals(client)).toList();
        UUID session = as(facilitator, () -> sessionService.launch(group.id(), new LaunchRequest(
                EngineClock.now().plus(1, ChronoUnit.DAYS), SessionMode.LIVE, null, client, null, 4)));
        String key = session.toString();
        as(client, () -> sessionService.prepareCase(task(key, Steps.TASK_PREPARE_CASE, client),
                "Mobiliser une équipe en télétravail", "Mon équipe de 12 personnes…", "Des rencontres hebdomadaires",
                "La rétention"));
        as(facilitator, () -> sessionService.openSession(task(key, Steps.TASK_OPEN_SESSION, facilitator), consultants));
        as(client, () -> sessionService.finishPresentation(task(key, Steps.TASK_PRESENT_CASE, client)));
        for (String c : consultants) {
            as(c, () -> {
                sessionService.addQuestion(session, "Depuis quand ? (" + c + ")");
                sessionService.finishClarification(task(key, Steps.TASK_ASK_QUESTIONS, c));
            });
        }
        as(client, () -> {
            for (var q : sessionService.board(session).questions()) {
                sessionService.answerQuestion(q.id(), "Depuis six mois.", q.version());
            }
            sessionService.finishClarification(task(key, Steps.TASK_ANSWER_QUESTIONS, client));
            sessionService.writeContract(task(key, Steps.TASK_WRITE_CONTRACT, client),
                    "Comment garder l’engagement de mon équipe à distance ?");
        });
        as(facilitator, () -> sessionService.validateContract(task(key, Steps.TASK_VALIDATE_CONTRACT, facilitator), true));
        for (String c : consultants) {
            as(c, () -> {
                sessionService.addContribution(session, "Essayez un café virtuel. (" + c + ")");
                sessionService.finishConsultation(task(key, Steps.TASK_CONSULT, c));
            });
        }
        as(client, () -> sessionService.synthesize(task(key, Steps.TASK_SYNTHESIZE, client),
                "Je retiens le café virtuel et les objectifs partagés.",
                List.of(new ActionInput("Lancer un café virtuel", EngineClock.today().plusDays(14)),
                        new ActionInput("Revoir les objectifs", EngineClock.today().plusDays(30))), false));
        int rating = 3;
        for (String p : everyone(client, consultants, facilitator)) {
            int r = rating++ % 5 + 1;
            as(p, () -> sessionService.integrateLearning(task(key, Steps.TASK_INTEGRATE_LEARNING, p),
                    "J’ai appris à écouter.", r));
        }
        return session;
    }

    private static List<String> everyone(String client, List<String> consultants, String facilitator) {
        List<String> everyone = new ArrayList<>();
        everyone.add(client);
        everyone.addAll(consultants.stream().sorted().toList());
        everyone.add(facilitator);
        return everyone;
    }

    /** The same session through the bare Camunda API: no domain, no checks, no engine authorization. */
    private String bareSession(CodevFixture.Group group, int n) {
        return bareSession(group, n, false);
    }

    /**
     * {@code authenticated}: each person's task lookup and completion runs under their engine authentication,
     * so the engine checks authorizations as it does for Cohorte; this tells the engine's share of the gap from
     * Cohorte's own.
     */
    private String bareSession(CodevFixture.Group group, int n, boolean authenticated) {
        String facilitator = group.facilitator();
        String client = group.member(n % group.members().size());
        List<String> consultants = group.members().stream().filter(m -> !m.equals(client)).sorted().toList();
        String key = UUID.randomUUID().toString();
        Instant scheduledAt = EngineClock.now().plus(1, ChronoUnit.DAYS);
        Instant followUpAt = scheduledAt.plus(28, ChronoUnit.DAYS);
        Map<String, Object> variables = new HashMap<>();
        variables.put("sessionId", key);
        variables.put("groupId", group.id().toString());
        variables.put("clientId", client);
        variables.put("facilitatorId", facilitator);
        variables.put("mode", SessionMode.LIVE.name());
        variables.put("scheduledAt", Date.from(scheduledAt));
        variables.put("preparationDueAt", Date.from(scheduledAt));
        variables.put("followUpAt", Date.from(followUpAt));
        variables.put("followUpDueAt", Date.from(followUpAt.plus(7, ChronoUnit.DAYS)));
        // The roster Cohorte keeps in its tables: here two plain strings.
        variables.put("consultantIds", String.join(",", consultants));
        variables.put("everyoneIds", String.join(",", everyone(client, consultants, facilitator)));
        String instance = runtimeService.startProcessInstanceByKey(BARE_KEY, key, variables).getId();
        work(authenticated, client, () -> taskService.complete(task(key, Steps.TASK_PREPARE_CASE, client)));
        work(authenticated, facilitator, () -> taskService.complete(task(key, Steps.TASK_OPEN_SESSION, facilitator)));
        work(authenticated, client, () -> taskService.complete(task(key, Steps.TASK_PRESENT_CASE, client)));
        for (String c : consultants) {
            work(authenticated, c, () -> taskService.complete(task(key, Steps.TASK_ASK_QUESTIONS, c)));
        }
        work(authenticated, client, () -> taskService.complete(task(key, Steps.TASK_ANSWER_QUESTIONS, client)));
        work(authenticated, client, () -> taskService.complete(task(key, Steps.TASK_WRITE_CONTRACT, client)));
        work(authenticated, facilitator, () -> taskService.complete(task(key, Steps.TASK_VALIDATE_CONTRACT, facilitator),
                Map.of("contractApproved", true)));
        for (String c : consultants) {
            work(authenticated, c, () -> taskService.complete(task(key, Steps.TASK_CONSULT, c)));
        }
        work(authenticated, client, () -> taskService.complete(task(key, Steps.TASK_SYNTHESIZE, client),
                Map.of("consent", false)));
        for (String p : everyone(client, consultants, facilitator)) {
            work(authenticated, p, () -> taskService.complete(task(key, Steps.TASK_INTEGRATE_LEARNING, p)));
        }
        return instance;
    }

    private void work(boolean authenticated, String user, Runnable call) {
        if (!authenticated) {
            call.run();
            return;
        }
        identityService.setAuthentication(user, groupsOf.computeIfAbsent(user, data::groupsOf));
        try {
            call.run();
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** service_task_enter_* of the bare model: the step's dates and the roster, without the database. */
    public static class BareEnterStep implements JavaDelegate {
        private static final java.util.Map<String, List<org.cohorte.codevelopment.service.SessionSteps.Step>> STEPS =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void execute(DelegateExecution execution) {
            // The step and its live timebox, from the model, as the real delegate and SessionSteps read them
            // (read once per definition, as SessionSteps keeps them, so the bare side pays no parsing per step).
            var step = STEPS.computeIfAbsent(execution.getProcessDefinitionId(),
                            id -> org.cohorte.codevelopment.service.SessionSteps.read(execution.getBpmnModelInstance()))
                    .stream().filter(s -> s.enterTaskId().equals(execution.getCurrentActivityId())).findFirst().orElseThrow();
            Date end = new Date(ClockUtil.getCurrentTime().getTime() + step.liveTimebox().toMillis());
            var instance = execution.getProcessInstance();
            instance.setVariable("stepEndsAt", end);
            instance.setVariable("stepDueAt", end);
            // Transient: the multi-instance collection is read in this same command and never stored.
            instance.setVariable("bareConsultants", Variables.objectValue(
                    List.of(((String) execution.getVariable("consultantIds")).split(",")), true).create());
            instance.setVariable("bareEveryone", Variables.objectValue(
                    List.of(((String) execution.getVariable("everyoneIds")).split(",")), true).create());
        }
    }

    /** The other delegates of the bare model (only finish-steps runs in this benchmark). */
    public static class BareNoOp implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
        }
    }

    private void deployBareModel() throws Exception {
        String xml;
        try (var in = getClass().getResourceAsStream("/codevelopment-session.bpmn")) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String bare = xml.replace("\"" + Steps.PROCESS_KEY + "\"", "\"" + BARE_KEY + "\"")
                .replace("camunda:delegateExpression=\"${enterStepDelegate}\"",
                        "camunda:class=\"" + BareEnterStep.class.getName() + "\"")
                .replaceAll("camunda:delegateExpression=\"\\$\\{\\w+Delegate\\}\"",
                        "camunda:class=\"" + BareNoOp.class.getName().replace("$", "\\$") + "\"")
                .replace("${codevelopmentRoster.consultants(sessionId)}", "${bareConsultants}")
                .replace("${codevelopmentRoster.everyone(sessionId)}", "${bareEveryone}");
        if (bare.contains("delegateExpression") || bare.contains("codevelopmentRoster") || !bare.contains(BARE_KEY)) {
            throw new IllegalStateException("The bare model still calls Cohorte's beans");
        }
        repositoryService.createDeployment().name("bench-codevelopment-bare").enableDuplicateFiltering(true)
                .addString("codevelopment-session-bare.bpmn", bare).deploy();
    }

    @Test
    void a_full_session_with_five_consultants_versus_bare_camunda() throws Exception {
        deployBareModel();
        CodevFixture.Group group = fixture.group(6);
        for (int i = 0; i < WARMUP; i++) {
            cohorteSession(group);
            bareSession(group, i);
            bareSession(group, i, true);
        }
        long[] cohorte = new long[RUNS];
        long[] bare = new long[RUNS];
        long[] bareAuthorized = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            UUID session = cohorteSession(group);
            cohorte[i] = System.nanoTime() - start;
            start = System.nanoTime();
            String instance = bareSession(group, i);
            bare[i] = System.nanoTime() - start;
            start = System.nanoTime();
            String authorized = bareSession(group, i, true);
            bareAuthorized[i] = System.nanoTime() - start;
            if (runtimeService.createProcessInstanceQuery().processInstanceId(authorized).activityIdIn("timer_follow_up")
                    .count() != 1) {
                throw new IllegalStateException("The authenticated bare session did not reach its follow-up timer");
            }
            // Both really went through the six steps: the session awaits its follow-up, the bare instance its timer.
            if (as(group.facilitator(), () -> sessionService.board(session).status()) != SessionStatus.FOLLOW_UP) {
                throw new IllegalStateException("The Cohorte session did not reach its follow-up");
            }
            if (runtimeService.createProcessInstanceQuery().processInstanceId(instance).activityIdIn("timer_follow_up")
                    .count() != 1) {
                throw new IllegalStateException("The bare session did not reach its follow-up timer");
            }
        }
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        double cohorteRate = RUNS / (LongStream.of(cohorte).sum() / 1e9);
        double bareRate = RUNS / (LongStream.of(bare).sum() / 1e9);
        String how = "1 client, 5 consultants, 6 steps, " + product + ", " + RUNS + " each, alternating, after "
                + WARMUP + " warm-up each";
        figure("codevelopment.session.cohorte.rate", cohorteRate, "sessions/s", how);
        figure("codevelopment.session.bareCamunda.rate", bareRate, "sessions/s", how);
        figure("codevelopment.session.timeRatio", bareRate / cohorteRate, "x",
                "Cohorte time / bare Camunda time, goal <= 1.5");
        double authorizedRate = RUNS / (LongStream.of(bareAuthorized).sum() / 1e9);
        figure("codevelopment.session.bareCamundaAuthorized.rate", authorizedRate, "sessions/s",
                "bare Camunda with each person's engine authentication, as Cohorte runs it");
        figure("codevelopment.session.timeRatioVsAuthorized", authorizedRate / cohorteRate, "x",
                "Cohorte time / bare Camunda time with authorization checks");
        figure("codevelopment.session.cohorte.median", percentile(cohorte, 50), "ms");
        figure("codevelopment.session.bareCamunda.median", percentile(bare, 50), "ms");
        figure("codevelopment.session.bareCamundaAuthorized.median", percentile(bareAuthorized, 50), "ms");
        long cohorteSql = SqlStatements.all(dataSource, () -> cohorteSession(group));
        long bareSql = SqlStatements.all(dataSource, () -> bareSession(group, 0));
        figure("codevelopment.session.cohorte.sqlStatements", cohorteSql, "statements");
        figure("codevelopment.session.bareCamunda.sqlStatements", bareSql, "statements");
    }

}
