package org.cohorte.bench;

import static org.cohorte.bench.BenchmarkSupport.figure;
import static org.cohorte.bench.BenchmarkSupport.percentile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.tasks.service.InboxFilter;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox's first page for one user with {@value #OPEN_TASKS} open tasks (70 % assigned to them, 30 % offered
 * to one of their groups), through InboxService as the Vaadin grid calls it: a page of 50 rows and the count.
 * Tasks are created once per database and reused by later runs. Prints figures; asserts nothing about time.
 */
@Tag("benchmark")
class InboxBenchmark extends IntegrationTest {

    static final int OPEN_TASKS = Integer.getInteger("bench.inbox.tasks", 100_000);
    static final String USER = "bench.inbox";
    static final String GROUP = "benchinbox";
    static final String PROCESS = "bench_inbox_task";
    static final int PAGE = 50;
    static final int WARMUP = Integer.getInteger("bench.inbox.warmup", 30);
    static final int RUNS = Integer.getInteger("bench.inbox.runs", 300);

    @Autowired
    InboxService inbox;
    @Autowired
    IdentityService identityService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private boolean isPostgres() {
        return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT).contains("postgres")));
    }

    @Test
    void inbox_first_page_with_a_hundred_thousand_open_tasks() {
        prepare();
        long open = taskService.createTaskQuery().processDefinitionKey(PROCESS).active().count();
        figure("inbox.openTasks", open, "tasks");

        for (InboxFilter filter : List.of(InboxFilter.ALL, InboxFilter.MINE, InboxFilter.MY_GROUPS, InboxFilter.OVERDUE)) {
            long[] page = new long[RUNS];
            long[] pageAndCount = new long[RUNS];
            for (int i = -WARMUP; i < RUNS; i++) {
                long start = System.nanoTime();
                SystemIdentity.runAs(USER, List.of(Roles.PARTICIPANT, GROUP),
                        () -> inbox.page(filter, InboxSort.CREATED, false, 0, PAGE));
                long afterPage = System.nanoTime();
                // What InboxView asks for besides the page: the header's count, capped at 1 000.
                SystemIdentity.runAs(USER, List.of(Roles.PARTICIPANT, GROUP), () -> inbox.countUpTo(filter, 1001));
                long end = System.nanoTime();
                if (i >= 0) {
                    page[i] = afterPage - start;
                    pageAndCount[i] = end - start;
                }
            }
            String name = "inbox.firstPage." + filter.name().toLowerCase();
            long[] exact = new long[Math.min(RUNS, 50)];
            for (int i = 0; i < exact.length; i++) {
                long start = System.nanoTime();
                SystemIdentity.runAs(USER, List.of(Roles.PARTICIPANT, GROUP), () -> inbox.count(filter));
                exact[i] = System.nanoTime() - start;
            }
            figure("inbox.exactCount." + filter.name().toLowerCase() + ".p50", percentile(exact, 50), "ms");
            figure(name + ".p50", percentile(page, 50), "ms");
            figure(name + ".p95", percentile(page, 95), "ms");
            figure(name + "+cappedCount.p50", percentile(pageAndCount, 50), "ms");
            figure(name + "+cappedCount.p95", percentile(pageAndCount, 95), "ms");
        }
    }

    private void prepare() {
        if (identityService.createUserQuery().userId(USER).count() == 0) {
            transaction.executeWithoutResult(status -> {
                User user = identityService.newUser(USER);
                user.setFirstName("Bench");
                user.setLastName("Inbox");
                user.setPassword("bench-password");
                identityService.saveUser(user);
                identityService.saveGroup(identityService.newGroup(GROUP));
                identityService.createMembership(USER, GROUP);
                identityService.createMembership(USER, Roles.PARTICIPANT);
            });
        }
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
            repositoryService.createDeployment().addModelInstance(PROCESS + ".bpmn",
                    Bpmn.createExecutableProcess(PROCESS).name("Banc d’essai").camundaHistoryTimeToLive(1)
                            .startEvent().userTask("user_task_bench").name("Tâche de charge")
                            .camundaAssignee("${assignee}").camundaCandidateGroups("${group}")
                            .camundaDueDate("${due}").endEvent().done()).deploy();
        }
        long existing = taskService.createTaskQuery().processDefinitionKey(PROCESS).count();
        long started = System.nanoTime();
        int batch = 1000;
        for (long created = existing; created < OPEN_TASKS; created += batch) {
            long from = created;
            transaction.executeWithoutResult(status -> {
                for (long i = from; i < Math.min(from + batch, OPEN_TASKS); i++) {
                    Map<String, Object> variables = new HashMap<>();
                    boolean personal = i % 10 < 7;
                    variables.put("assignee", personal ? USER : null);
                    variables.put("group", personal ? List.of() : List.of(GROUP));
                    // Some overdue, most due later: the overdue filter has real work to do.
                    variables.put("due", new java.util.Date(System.currentTimeMillis() + (i % 20 - 2) * 86_400_000L));
                    runtimeService.startProcessInstanceByKey(PROCESS, "bench-" + i, variables);
                }
            });
        }
        // Steady state: autovacuum would have analyzed the tables after such a load; do not time stale plans.
        if (isPostgres()) {
            jdbc.execute("analyze");
        }
        if (existing < OPEN_TASKS) {
            figure("inbox.setup.created", OPEN_TASKS - existing, "tasks",
                    String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
        }
    }
}
