package org.cohorte.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crash safety of the packaged application on PostgreSQL: a client drives codevelopment sessions and
 * community questions through the work API while the server is {@code kill -9}ed at random moments and
 * restarted. Requests that got no answer are retried (creations with the same Idempotency-Key). While the
 * server is down, the pending reminder and timebox timers are made due with SQL; after each restart they
 * must fire. At the end, checked on the database: every acknowledged step is there exactly once, each process
 * instance has exactly the tasks and timers its state implies, and every timer made due fired exactly once.
 * Replay a run with {@code -Dfaults.seed=<seed>}.
 */
@Tag("faults")
class CrashSafetyFaultsIT {

    static final int KILLS = Integer.getInteger("faults.kills", 4);
    static final int MIN_ROUNDS = 2;
    static final String FACILITATOR = "animateur";
    static final String ASKER = "membre";
    static final String EXPERT = "expert";
    static final Duration PATIENCE = Duration.ofMinutes(4);

    final ApiClient api = new ApiClient(() -> this.jdbc);
    final long seed = Long.getLong("faults.seed", System.currentTimeMillis() % 1_000_000);
    final Random random = new Random(seed);
    AppNode node;
    JdbcTemplate jdbc;

    volatile boolean serving;
    volatile boolean killsDone;
    volatile Throwable killerFailure;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger alreadyDoneOnRetry = new AtomicInteger();
    final List<String> movedTimers = new ArrayList<>();
    final List<Long> restartSeconds = new ArrayList<>();

    /** What the client saw acknowledged. */
    final Map<String, UUID> askedQuestions = new LinkedHashMap<>();
    final Map<String, UUID> boardEntries = new LinkedHashMap<>();
    final List<UUID> sessions = new ArrayList<>();
    final List<String> completedTasks = new ArrayList<>();

    @AfterEach
    void stopNode() throws InterruptedException {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void acknowledged_steps_survive_kill_9_exactly_once_and_timers_due_while_down_fire_after_restart() throws Exception {
        System.out.println("FAULTS crash: seed=" + seed + " (replay with -Dfaults.seed=" + seed + ")");
        FaultsDatabase db = FaultsDatabase.fresh("cohorte_faults_crash");
        jdbc = db.jdbc();
        node = new AppNode("crash", Integer.getInteger("faults.port", 18081), db.url(),
                "--camunda.bpm.job-execution.lock-time-in-millis=20000",
                "--camunda.bpm.job-execution.wait-time-in-millis=1000", "--camunda.bpm.job-execution.max-wait=2000");
        long started = System.nanoTime();
        node.start();
        node.awaitUp(Duration.ofMinutes(5));
        System.out.printf("FAULTS crash: first start %d s (pid %d)%n", (System.nanoTime() - started) / 1_000_000_000, node.pid());
        serving = true;

        UUID group = groupId();
        UUID community = communityId();
        List<String> members = members(group);

        Thread killer = new Thread(this::killRepeatedly, "killer");
        killer.start();
        int rounds = 0;
        while (!killsDone || rounds < MIN_ROUNDS) {
            if (killerFailure != null) {
                break;
            }
            round(rounds++, group, community, members);
        }
        killer.join(Duration.ofMinutes(10).toMillis());
        if (killerFailure != null) {
            throw new AssertionError("kill/restart failed", killerFailure);
        }

        int fired = checkTimersFiredOnce();
        checkExactlyOnce();
        checkTasksAndTimersPerInstance();
        System.out.printf("FAULTS crash summary: seed=%d kills=%d rounds=%d requests=%d acknowledged=%d unanswered=%d "
                        + "retries-found-already-done=%d timers-made-due=%d timers-fired=%d restart-seconds=%s%n",
                seed, KILLS, rounds, requests.get(), acknowledged.get(), unanswered.get(), alreadyDoneOnRetry.get(),
                movedTimers.size(), fired, restartSeconds);
    }

    // ---------------------------------------------------------------- the killer

    private void killRepeatedly() {
        try {
            for (int k = 1; k <= KILLS; k++) {
                Thread.sleep(1500 + random.nextInt(5000));
                serving = false;
                long pid = node.pid();
                node.kill();
                long down = System.nanoTime();
                // Due while it is down: pending reminders, promises and timeboxes.
                List<String> moved = jdbc.queryForList("""
                        update act_ru_job j set duedate_ = localtimestamp - interval '1 day'
                        from act_ru_jobdef d
                        where j.job_def_id_ = d.id_ and j.type_ = 'timer'
                          and (d.act_id_ in ('timer_reminder_20h', 'timer_sla_24h') or d.act_id_ like 'timer\\_%\\_timebox')
                        returning j.id_""", String.class);
                synchronized (movedTimers) {
                    movedTimers.addAll(moved);
                }
                node.start();
                node.awaitUp(Duration.ofMinutes(5));
                restartSeconds.add((System.nanoTime() - down) / 1_000_000_000);
                awaitGone(moved, Duration.ofMinutes(2));
                System.out.printf("FAULTS crash: kill %d of pid %d, %d timers made due, restarted as pid %d, timers fired%n",
                        k, pid, moved.size(), node.pid());
                serving = true;
            }
        } catch (Throwable e) {
            killerFailure = e;
            serving = true;
        } finally {
            killsDone = true;
        }
    }

    private void awaitGone(List<String> jobs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!jobs.isEmpty()) {
            Integer left = jdbc.queryForObject("select count(*) from act_ru_job where id_ = any(?)", Integer.class,
                    (Object) jobs.toArray(String[]::new));
            if (left == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(left + " timers made due while down did not fire within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    // ---------------------------------------------------------------- one round of client work

    private void round(int r, UUID group, UUID community, List<String> members) {
        String tag = "r" + r + "-" + seed;
        UUID question = create(ASKER, "/api/community/questions", Map.of("communityId", community,
                "title", "Question de reprise " + tag, "body", "Que se passe-t-il après une panne ? " + tag), "question", tag);
        askedQuestions.put("Question de reprise " + tag, question);

        UUID session = create(FACILITATOR, "/api/codevelopment/groups/" + group + "/sessions",
                Map.of("mode", "LIVE", "overrideReason", "Essai de reprise"), "session", tag);
        sessions.add(session);
        String client = until(() -> api.get(node.baseUrl(), FACILITATOR, "/api/codevelopment/sessions/" + session))
                .body().get("clientId").asText();
        List<String> consultants = members.stream().filter(m -> !m.equals(client)).toList();

        step(client, session, "prepare-case", Map.of("title", "Cas " + tag, "context", "Contexte " + tag));
        step(FACILITATOR, session, "open", Map.of("present", consultants));
        step(client, session, "finish-presentation", Map.of());
        for (String c : consultants) {
            String text = "Depuis quand ? " + c + " " + tag;
            boardEntries.put(text, create(c, "/api/codevelopment/sessions/" + session + "/questions", Map.of("text", text),
                    "entry", c + "-q-" + tag));
            step(c, session, "finish-clarification", Map.of());
        }
        step(client, session, "finish-clarification", Map.of());
        step(client, session, "write-contract", Map.of("contract", "Comment reprendre ? " + tag));
        step(FACILITATOR, session, "validate-contract", Map.of("approved", true));
        for (String c : consultants) {
            String text = "Essayez ceci, " + c + " " + tag;
            boardEntries.put(text, create(c, "/api/codevelopment/sessions/" + session + "/contributions", Map.of("text", text),
                    "entry", c + "-c-" + tag));
            step(c, session, "finish-consultation", Map.of());
        }
        step(client, session, "synthesize", Map.of("synthesis", "Synthèse " + tag, "consent", false,
                "actions", List.of(Map.of("body", "Agir " + tag, "dueDate", LocalDate.now().plusDays(14).toString()))));
        List<String> everyone = new ArrayList<>(consultants);
        everyone.add(client);
        everyone.add(FACILITATOR);
        for (String p : everyone) {
            step(p, session, "learning", Map.of("learning", "Appris " + tag, "rating", 4));
        }

        questionStep(FACILITATOR, question, "facilitator", "triage", Map.of("decision", "ASSIGN", "expertId", EXPERT));
        questionStep(EXPERT, question, "answer", "answer", Map.of("body", "Rien ne se perd. " + tag));
        questionStep(ASKER, question, "accept", "accept", Map.of("accepted", true));
    }

    private void step(String user, UUID session, String action, Map<String, ?> body) {
        String task = until(() -> api.get(node.baseUrl(), user, "/api/codevelopment/sessions/" + session + "/my-task"))
                .body().get("taskId").asText();
        complete(user, task, "/api/codevelopment/tasks/" + task + "/" + action, body);
    }

    private void questionStep(String user, UUID question, String kind, String action, Map<String, ?> body) {
        JsonNode mine = until(() -> api.get(node.baseUrl(), user, "/api/community/questions/" + question + "/my-tasks")).body();
        assertThat(mine.has(kind)).as(user + " has a " + kind + " task on " + question + ": " + mine).isTrue();
        String task = mine.get(kind).asText();
        complete(user, task, "/api/community/tasks/" + task + "/" + action, body);
    }

    /** A task step; if an attempt got no answer, "already done" on the retry means the first attempt went through. */
    private void complete(String user, String task, String path, Map<String, ?> body) {
        int before = unanswered.get();
        ApiClient.Response response = untilAnswered(() -> api.post(node.baseUrl(), user, path, body, null));
        if (response.status() == 409 && "api.error.alreadyDone".equals(response.error()) && unanswered.get() > before) {
            alreadyDoneOnRetry.incrementAndGet();
        } else {
            assertThat(response.status()).as(path + " -> " + response.body()).isEqualTo(200);
        }
        acknowledged.incrementAndGet();
        completedTasks.add(task);
    }

    private UUID create(String user, String path, Map<String, ?> body, String kind, String tag) {
        String key = kind + "-" + tag + "-" + UUID.nameUUIDFromBytes((path + body).getBytes());
        ApiClient.Response response = untilAnswered(() -> api.post(node.baseUrl(), user, path, body, key));
        assertThat(response.status()).as(path + " -> " + response.body()).isIn(200, 201);
        acknowledged.incrementAndGet();
        return UUID.fromString(response.body().get("id").asText());
    }

    private ApiClient.Response until(Supplier<ApiClient.Response> call) {
        ApiClient.Response response = untilAnswered(call);
        assertThat(response.ok()).as(String.valueOf(response.body())).isTrue();
        return response;
    }

    /**
     * Sends until the server answers: no answer (killed, restarting) or "changed meanwhile" (a timer fired at the
     * same moment) means send the same request again once it serves.
     */
    private ApiClient.Response untilAnswered(Supplier<ApiClient.Response> call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            awaitServing(deadline);
            requests.incrementAndGet();
            try {
                ApiClient.Response response = call.get();
                String error = response.error();
                boolean transientConflict = response.status() == 409 && error != null && error.endsWith("changedMeanwhile");
                if (!transientConflict && response.status() < 500) {
                    return response;
                }
            } catch (ApiClient.Unreachable e) {
                unanswered.incrementAndGet();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer within " + PATIENCE);
            }
            sleep(200);
        }
    }

    private void awaitServing(long deadline) {
        while (!serving) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server not back within " + PATIENCE);
            }
            sleep(200);
        }
    }

    // ---------------------------------------------------------------- setup lookups

    private UUID groupId() {
        JsonNode groups = until(() -> api.get(node.baseUrl(), FACILITATOR, "/api/codevelopment/groups")).body();
        for (JsonNode g : groups) {
            if (g.get("facilitatedByMe").asBoolean()) {
                return UUID.fromString(g.get("id").asText());
            }
        }
        throw new AssertionError("no demo group for " + FACILITATOR + ": " + groups);
    }

    private UUID communityId() {
        JsonNode communities = until(() -> api.get(node.baseUrl(), ASKER, "/api/community/communities")).body();
        for (JsonNode c : communities) {
            if (c.get("name").asText().contains("Coach RH")) {
                return UUID.fromString(c.get("id").asText());
            }
        }
        throw new AssertionError("no Coach RH community for " + ASKER + ": " + communities);
    }

    private List<String> members(UUID group) {
        return jdbc.queryForList("select user_id from codev_group_member where group_id = ? and left_at is null "
                + "and charter_accepted_at is not null order by user_id", String.class, group);
    }

    // ---------------------------------------------------------------- final checks (JDBC)

    private int checkTimersFiredOnce() {
        assertThat(movedTimers).as("timers were pending when the server was killed").isNotEmpty();
        Map<String, Integer> successes = new HashMap<>();
        jdbc.query("select job_id_, count(*) from act_hi_job_log where job_state_ = 2 and job_id_ = any(?) group by job_id_",
                rs -> {
                    successes.put(rs.getString(1), rs.getInt(2));
                }, (Object) movedTimers.toArray(String[]::new));
        List<String> notFired = movedTimers.stream().filter(id -> !successes.containsKey(id)).toList();
        List<String> twice = successes.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertThat(notFired).as("timers due while down that never fired").isEmpty();
        assertThat(twice).as("timers that fired more than once").isEmpty();
        return successes.size();
    }

    private void checkExactlyOnce() {
        askedQuestions.forEach((title, id) -> {
            assertThat(jdbc.queryForList("select id from community_question where title = ?", UUID.class, title))
                    .as("question '" + title + "'").containsExactly(id);
            assertThat(jdbc.queryForObject("select count(*) from community_post where question_id = ? and kind = 'ANSWER'",
                    Integer.class, id)).as("answers to " + title).isEqualTo(1);
            assertThat(jdbc.queryForObject("select status from community_question where id = ?", String.class, id))
                    .isEqualTo("ACCEPTED");
        });
        boardEntries.forEach((body, id) -> assertThat(jdbc.queryForList("select id from codev_entry where body = ?",
                UUID.class, body)).as("board entry '" + body + "'").containsExactly(id));
        for (UUID session : sessions) {
            assertThat(jdbc.queryForObject("select count(*) from codev_entry where session_id = ? and kind = 'LEARNING'",
                    Integer.class, session)).as("learning notes of " + session).isEqualTo(5);
            assertThat(jdbc.queryForObject("select count(*) from codev_action where session_id = ?", Integer.class, session))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("select case_title from codev_session where id = ?", String.class, session))
                    .startsWith("Cas r");
        }
        Integer launched = jdbc.queryForObject("select count(*) from codev_session where id = any(?)", Integer.class,
                (Object) sessions.stream().map(UUID::toString).map(UUID::fromString).toArray(UUID[]::new));
        assertThat(launched).isEqualTo(sessions.size());
        Integer keys = jdbc.queryForObject("select count(*) from api_idempotency_key", Integer.class);
        assertThat(keys).as("one key per creation the client made").isEqualTo(askedQuestions.size() + boardEntries.size() + sessions.size());
        Integer completedOnce = jdbc.queryForObject("select count(distinct id_) from act_hi_taskinst where id_ = any(?) "
                + "and end_time_ is not null and delete_reason_ = 'completed'", Integer.class, (Object) completedTasks.toArray(String[]::new));
        assertThat(completedOnce).as("every acknowledged task completion is in the history, completed")
                .isEqualTo(Set.copyOf(completedTasks).size());
        assertThat(Set.copyOf(completedTasks)).as("the client never completed one task twice").hasSize(completedTasks.size());
    }

    private void checkTasksAndTimersPerInstance() {
        Map<String, Integer> sessionTasks = Map.of("user_task_prepare_case", 1, "user_task_open_session", 1,
                "user_task_present_case", 1, "user_task_ask_questions", 3, "user_task_answer_questions", 1,
                "user_task_write_contract", 1, "user_task_validate_contract", 1, "user_task_consult", 3,
                "user_task_synthesize", 1, "user_task_integrate_learning", 5);
        // Launching a session brings the previous sessions' follow-up forward to it (the "next session" rule):
        // their follow-up timers fall due; wait until the job executor has fired them.
        List<String> instances = sessions.stream().map(s -> instanceOf(s.toString())).toList();
        awaitNoDueTimers(instances);
        for (int i = 0; i < sessions.size(); i++) {
            UUID session = sessions.get(i);
            String instance = instances.get(i);
            boolean last = i == sessions.size() - 1;
            Map<String, Integer> expected = new HashMap<>(sessionTasks);
            if (!last) {
                expected.put("user_task_follow_up", 1);
            }
            assertThat(historicTasks(instance)).as("tasks of session " + session).isEqualTo(expected);
            assertThat(openTasks(instance)).as("open tasks of session " + session)
                    .isEqualTo(last ? List.of() : List.of("user_task_follow_up"));
            assertThat(jdbc.queryForList("select d.act_id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ "
                    + "where j.process_instance_id_ = ?", String.class, instance)).as("timers of session " + session)
                    .isEqualTo(last ? List.of("timer_follow_up") : List.of());
        }
        Map<String, Integer> questionTasks = Map.of("user_task_triage", 1, "user_task_answer", 1,
                "user_task_accept_answer", 1, "user_task_fold_article", 1);
        for (UUID question : askedQuestions.values()) {
            String instance = instanceOf(question.toString());
            assertThat(historicTasks(instance)).as("tasks of question " + question).isEqualTo(questionTasks);
            assertThat(openTasks(instance)).as("open tasks of question " + question).containsExactly("user_task_fold_article");
            assertThat(jdbc.queryForObject("select count(*) from act_ru_job where process_instance_id_ = ?", Integer.class, instance))
                    .as("no timer left once the question is answered").isZero();
        }
    }

    private void awaitNoDueTimers(List<String> instances) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (jdbc.queryForObject("select count(*) from act_ru_job where process_instance_id_ = any(?) "
                + "and duedate_ <= localtimestamp", Integer.class, (Object) instances.toArray(String[]::new)) > 0) {
            assertThat(System.nanoTime()).as("due follow-up timers fired").isLessThan(deadline);
            sleep(500);
        }
    }

    private String instanceOf(String businessKey) {
        List<String> instances = jdbc.queryForList("select id_ from act_hi_procinst where business_key_ = ?", String.class, businessKey);
        assertThat(instances).as("process instances of " + businessKey).hasSize(1);
        return instances.get(0);
    }

    private Map<String, Integer> historicTasks(String instance) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("select task_def_key_, count(*) from act_hi_taskinst where proc_inst_id_ = ? group by task_def_key_",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, instance);
        return counts;
    }

    private List<String> openTasks(String instance) {
        return jdbc.queryForList("select task_def_key_ from act_ru_task where proc_inst_id_ = ?", String.class, instance);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
