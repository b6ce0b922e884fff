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
import org.cohorte.tasks.service.InboxSearch;
import org.cohorte.tasks.service.InboxSort;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox's first page for one user with {@value #OPEN_TASKS} open tasks (70 % assigned to them, 30 % offered
 * to one of their groups) and {@value #HISTORIC_TASKS} completed task rows in the history, through InboxService as
 * the Vaadin grid calls it: a page of 50 rows and the count; then the first page sorted by subject and filtered by a
 * word of the subject (p50 and p95 of each). Sizes: -Dbench.inbox.tasks, -Dbench.inbox.historicTasks,
 * -Dbench.inbox.runs, -Dbench.inbox.warmup (a small run checks the benchmark works, e.g. 2000 tasks, 20 runs).
 * Tasks are created once per database and reused by later runs. Prints figures; asserts nothing about time.
 */
@Tag("benchmark")
class InboxBenchmark extends IntegrationTest {

    static final int OPEN_TASKS = Integer.getInteger("bench.inbox.tasks", 100_000);
    static final String USER = "bench.inbox";
    static final String GROUP = "benchinbox";
    static final String PROCESS = "bench_inbox_task";
    static final int PAGE = 50;
    static final int HISTORIC_TASKS = Integer.getInteger("bench.inbox.historicTasks", 1_000_000);
    static final String HISTORY_KEY = "bench_inbox_history";
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
        prepareHistory();
        long open = taskService.createTaskQuery().processDefinitionKey(PROCESS).active().count();
        figure("inbox.openTasks", open, "tasks");
        figure("inbox.historicTaskRows", jdbc.queryForObject("select count(*) from ACT_HI_TASKINST", Long.class), "rows",
                "completed: " + jdbc.queryForObject("select count(*) from ACT_HI_TASKINST where END_TIME_ is not null",
                        Long.class));

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
        // The subject sort and the subject filter: one native query joining every process's subject text.
        bySubject("inbox.firstPage.sortedBySubject", InboxSearch.ANY, InboxSort.SUBJECT);
        // A word in every task's subject: the newest-first plan can stop after one page of matches.
        bySubject("inbox.firstPage.subjectFilter", new InboxSearch(null, "tâche"), InboxSort.CREATED);
        // A word in none: every task of the user is read and matched before the (empty) page is known, the worst case.
        bySubject("inbox.firstPage.subjectFilterNoMatch", new InboxSearch(null, "zèbre"), InboxSort.CREATED);
        bySubject("inbox.firstPage.processFilter", new InboxSearch(PROCESS, null), InboxSort.CREATED);
    }

    private void bySubject(String name, InboxSearch search, InboxSort sort) {
        long[] page = new long[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            long start = System.nanoTime();
            SystemIdentity.runAs(USER, List.of(Roles.PARTICIPANT, GROUP), () -> inbox.page(InboxFilter.ALL, search,
                    sort, true, 0, PAGE, java.util.Locale.FRENCH));
            if (i >= 0) {
                page[i] = System.nanoTime() - start;
            }
        }
        figure(name + ".p50", percentile(page, 50), "ms");
        figure(name + ".p95", percentile(page, 95), "ms");
    }

    /**
     * Two years of finished work: {@value #HISTORIC_TASKS} completed task rows (10 per finished process instance,
     * 40 % of them the bench user's, the rest spread over 500 colleagues) in the engine's history tables, as
     * history level "full" would have left them. Written once per database with one set-based INSERT each
     * (through the engine they would take hours); PostgreSQL only.
     */
    private void prepareHistory() {
        if (!isPostgres()) {
            System.out.println("FIGURE inbox.historicTaskRows skipped: generated on PostgreSQL only");
            return;
        }
        long present = jdbc.queryForObject("select count(*) from ACT_HI_TASKINST where PROC_DEF_KEY_ = ?", Long.class,
                HISTORY_KEY);
        if (present >= HISTORIC_TASKS) {
            return;
        }
        long started = System.nanoTime();
        jdbc.update("delete from ACT_HI_TASKINST where PROC_DEF_KEY_ = ?", HISTORY_KEY);
        jdbc.update("delete from ACT_HI_PROCINST where PROC_DEF_KEY_ = ?", HISTORY_KEY);
        String definition = HISTORY_KEY + ":1:00000000-0000-0000-0000-000000000000";
        jdbc.update("""
                insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,
                    END_TIME_, DURATION_, START_USER_ID_, START_ACT_ID_, END_ACT_ID_, ROOT_PROC_INST_ID_, STATE_)
                select id, id, 'bench-history-' || g, ?, ?, started, started + interval '9 days', 777600000, ?,
                    'start_event', 'end_event', id, 'COMPLETED'
                from (select g, md5('benchhist-p' || g)::uuid::text as id,
                             localtimestamp - interval '730 days' + (g % 720) * interval '1 day' as started
                      from generate_series(0, ? - 1) g) p
                """, HISTORY_KEY, definition, USER, HISTORIC_TASKS / 10);
        jdbc.update("""
                insert into ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_,
                    PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_, NAME_, DESCRIPTION_, ASSIGNEE_, START_TIME_, END_TIME_,
                    DURATION_, DELETE_REASON_, PRIORITY_, DUE_DATE_, TASK_STATE_)
                select md5('benchhist-t' || g)::uuid::text, 'user_task_step_' || (g % 10), ?, ?, p, p,
                    md5('benchhist-e' || g)::uuid::text, 'user_task_step_' || (g % 10) || ':' || md5('benchhist-a' || g)::uuid::text,
                    'Étape ' || (g % 10) || ' du dossier ' || (g / 10), null,
                    case when g % 5 < 2 then ? else 'bench.colleague.' || (g % 500) end,
                    started, started + (g % 72) * interval '1 hour', (g % 72) * 3600000, 'completed', 50,
                    started + interval '2 days', 'Completed'
                from (select g, md5('benchhist-p' || (g / 10))::uuid::text as p,
                             localtimestamp - interval '730 days' + ((g / 10) % 720) * interval '1 day'
                                 + (g % 10) * interval '20 hours' as started
                      from generate_series(0, ? - 1) g) t
                """, HISTORY_KEY, definition, USER, HISTORIC_TASKS);
        jdbc.execute("analyze ACT_HI_TASKINST");
        jdbc.execute("analyze ACT_HI_PROCINST");
        figure("inbox.setup.historicTasksCreated", HISTORIC_TASKS, "rows",
                String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
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
