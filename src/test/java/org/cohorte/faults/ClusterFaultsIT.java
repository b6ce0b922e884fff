package org.cohorte.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of the packaged application on one PostgreSQL database, job executors on: timers fire exactly
 * once across the cluster, a task done on one node is gone on the other, two people completing the same task
 * on both nodes at once get one success and one clear conflict, and when a node is killed with jobs locked,
 * the other executes them once the lock expires.
 */
@Tag("faults")
class ClusterFaultsIT {

    static final int TIMERS = Integer.getInteger("faults.timers", 1000);
    static final int LOCK_MILLIS = 15_000;
    static final int RACES = 10;
    static final int TAKEOVER_JOBS = 200;
    static final String FACILITATOR = "animateur";
    static final String ASKER = "membre";

    final ApiClient api = new ApiClient(() -> this.jdbc);
    AppNode a;
    AppNode b;
    JdbcTemplate jdbc;
    UUID community;

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (AppNode node : new AppNode[]{a, b}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void two_nodes_share_the_work_fire_each_timer_once_and_take_over_a_killed_nodes_jobs() throws Exception {
        FaultsDatabase db = FaultsDatabase.fresh("cohorte_faults_cluster");
        jdbc = db.jdbc();
        String[] jobProperties = {"--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
                "--camunda.bpm.job-execution.wait-time-in-millis=1000", "--camunda.bpm.job-execution.max-wait=2000",
                "--camunda.bpm.job-execution.max-jobs-per-acquisition=5"};
        a = new AppNode("node-a", Integer.getInteger("faults.portA", 18091), db.url(), jobProperties);
        b = new AppNode("node-b", Integer.getInteger("faults.portB", 18092), db.url(), jobProperties);
        // A first: it migrates the schema and seeds the demo data; B joins an existing database.
        a.start();
        a.awaitUp(Duration.ofMinutes(5));
        b.start();
        b.awaitUp(Duration.ofMinutes(5));
        community = communityId();

        aTaskDoneOnOneNodeLeavesTheOthersInbox();
        sameTaskOnBothNodesAtOnceGivesOneSuccessAndOneConflict();
        List<UUID> questions = askMany(TIMERS);
        timersFireExactlyOnceAcrossTheCluster(questions);
        // A smaller batch, so that B reaches A's jobs as soon as their lock expires rather than after a backlog.
        aKilledNodesLockedJobsAreTakenOver(questions.subList(0, Math.min(TAKEOVER_JOBS, questions.size())));
    }

    private void aTaskDoneOnOneNodeLeavesTheOthersInbox() {
        UUID question = ask(a, "Visible des deux nœuds");
        String triage = api.get(b.baseUrl(), FACILITATOR, "/api/community/questions/" + question + "/my-tasks").body()
                .get("facilitator").asText();
        assertThat(inboxIds(b, FACILITATOR)).contains(triage);

        ApiClient.Response done = api.post(a.baseUrl(), FACILITATOR, "/api/community/tasks/" + triage + "/triage",
                Map.of("decision", "ASSIGN", "expertId", "expert"), null);
        assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(200);

        assertThat(inboxIds(b, FACILITATOR)).doesNotContain(triage);
        assertThat(api.get(b.baseUrl(), FACILITATOR, "/api/tasks/" + triage).status()).isEqualTo(404);
        assertThat(inboxIds(b, "expert")).as("the answer task is on B for the expert").isNotEmpty();
        System.out.println("FAULTS cluster: task " + triage + " completed on node A is gone from node B's inbox");
    }

    private void sameTaskOnBothNodesAtOnceGivesOneSuccessAndOneConflict() throws Exception {
        Map<String, Integer> outcomes = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < RACES; i++) {
                UUID question = ask(a, "Course " + i);
                String triage = api.get(a.baseUrl(), FACILITATOR, "/api/community/questions/" + question + "/my-tasks")
                        .body().get("facilitator").asText();
                assertThat(api.post(a.baseUrl(), FACILITATOR, "/api/community/tasks/" + triage + "/triage",
                        Map.of("decision", "CALL_ALL"), null).status()).isEqualTo(200);
                String answer = api.get(a.baseUrl(), "expert", "/api/community/questions/" + question + "/my-tasks")
                        .body().get("answer").asText();
                assertThat(api.get(b.baseUrl(), "gestionnaire", "/api/community/questions/" + question + "/my-tasks")
                        .body().get("answer").asText()).as("both are called on: the same task").isEqualTo(answer);

                CyclicBarrier together = new CyclicBarrier(2);
                Future<ApiClient.Response> onA = pool.submit(() -> {
                    together.await();
                    return api.post(a.baseUrl(), "expert", "/api/community/tasks/" + answer + "/answer",
                            Map.of("body", "Réponse de l’experte"), null);
                });
                Future<ApiClient.Response> onB = pool.submit(() -> {
                    together.await();
                    return api.post(b.baseUrl(), "gestionnaire", "/api/community/tasks/" + answer + "/answer",
                            Map.of("body", "Réponse du gestionnaire"), null);
                });
                List<ApiClient.Response> both = List.of(onA.get(), onB.get());
                assertThat(both).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(200, 409);
                ApiClient.Response loser = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                assertThat(loser.error()).isIn("tasks.error.alreadyCompleted", "tasks.error.alreadyClaimed",
                        "tasks.error.changedMeanwhile");
                assertThat(loser.body().get("message").asText()).isNotBlank().doesNotContain("tasks.error");
                outcomes.merge(loser.error(), 1, Integer::sum);
                assertThat(jdbc.queryForObject("select count(*) from community_post where question_id = ?", Integer.class, question))
                        .as("only the winner's answer is stored").isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("FAULTS cluster: same task completed on both nodes at once, " + RACES + " times: one 200 and one 409 each "
                + outcomes);
    }

    private List<UUID> askMany(int count) throws Exception {
        long started = System.nanoTime();
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    ids.add(ask(i % 2 == 0 ? a : b, "Rappel " + i));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        System.out.printf("FAULTS cluster: %d questions asked through both nodes in %d s%n", count,
                (System.nanoTime() - started) / 1_000_000_000);
        return ids;
    }

    private void timersFireExactlyOnceAcrossTheCluster(List<UUID> questions) throws InterruptedException {
        List<String> due = makeDue("timer_sla_24h", questions);
        assertThat(due).hasSize(questions.size());
        long started = System.nanoTime();
        awaitGone(due, Duration.ofMinutes(8));
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        Map<String, Integer> perJob = successesPerJob(due);
        int duplicates = perJob.values().stream().mapToInt(n -> n - 1).sum();
        Map<String, Integer> perNode = new HashMap<>();
        jdbc.query("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 and job_id_ = any(?) group by hostname_",
                rs -> {
                    perNode.put(rs.getString(1), rs.getInt(2));
                }, (Object) due.toArray(String[]::new));
        System.out.printf("FAULTS cluster: %d timers made due, %d fired, %d duplicates, per node %s, %d s%n",
                due.size(), perJob.size(), duplicates, perNode, seconds);
        assertThat(perJob).as("every timer fired").hasSize(due.size());
        assertThat(duplicates).as("no timer fired twice").isZero();
        assertThat(perNode.keySet()).as("both nodes took part").contains("node-a", "node-b");
    }

    private void aKilledNodesLockedJobsAreTakenOver(List<UUID> questions) throws Exception {
        List<String> due = makeDue("timer_reminder_20h", questions);
        assertThat(due).hasSize(questions.size());
        // Kill A once both nodes hold locks; whose owner stops locking afterwards is A's.
        Set<String> ownersBefore = new HashSet<>();
        Map<String, List<String>> snapshot = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            snapshot = lockedByOwner(due);
            ownersBefore.addAll(snapshot.keySet());
            if (snapshot.size() >= 2) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(snapshot).as("both nodes were holding locked jobs").hasSizeGreaterThanOrEqualTo(2);
        long pid = a.pid();
        a.kill();
        long killedAt = System.nanoTime();
        Map<String, List<String>> atKill = lockedByOwner(due);
        Set<String> ownersAfter = new HashSet<>();
        long watch = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < watch) {
            Map<String, List<String>> now = lockedByOwner(due);
            now.forEach((owner, jobs) -> {
                if (!jobs.stream().allMatch(job -> atKill.getOrDefault(owner, List.of()).contains(job))) {
                    ownersAfter.add(owner);
                }
            });
            Thread.sleep(50);
        }
        Set<String> dead = new HashSet<>(atKill.keySet());
        dead.removeAll(ownersAfter);
        List<String> orphans = new ArrayList<>();
        dead.forEach(owner -> orphans.addAll(atKill.get(owner)));
        assertThat(orphans).as("node A (pid " + pid + ") held locked jobs when it was killed: " + atKill.keySet()
                + " vs still locking " + ownersAfter).isNotEmpty();

        awaitGone(orphans, Duration.ofMillis(LOCK_MILLIS).plusSeconds(30));
        double takeover = (System.nanoTime() - killedAt) / 1e9;
        awaitGone(due, Duration.ofMinutes(8));
        Map<String, Integer> perJob = successesPerJob(due);
        int duplicates = perJob.values().stream().mapToInt(n -> n - 1).sum();
        Map<String, Integer> orphanRuns = successesPerJob(orphans);
        System.out.printf("FAULTS cluster: node A killed (kill -9, pid %d) holding %d locked jobs; node B executed them "
                        + "%.1f s after the kill (lock time %d s, limit %d s); %d reminders fired, %d duplicates%n",
                pid, orphans.size(), takeover, LOCK_MILLIS / 1000, LOCK_MILLIS / 1000 + 30, perJob.size(), duplicates);
        assertThat(orphanRuns).as("each of A's jobs ran exactly once").hasSize(orphans.size()).allSatisfy((job, n) -> assertThat(n).isEqualTo(1));
        assertThat(perJob).hasSize(due.size());
        assertThat(duplicates).isZero();
        Set<String> hostsOfOrphans = new HashSet<>(jdbc.queryForList("select hostname_ from act_hi_job_log where job_state_ = 2 "
                + "and job_id_ = any(?)", String.class, (Object) orphans.toArray(String[]::new)));
        assertThat(hostsOfOrphans).containsExactly("node-b");
    }

    // ---------------------------------------------------------------- helpers

    private List<String> makeDue(String timer, List<UUID> questions) {
        return jdbc.queryForList("""
                update act_ru_job j set duedate_ = localtimestamp - interval '1 day'
                from act_ru_jobdef d, act_hi_procinst p
                where j.job_def_id_ = d.id_ and d.act_id_ = ? and p.id_ = j.process_instance_id_
                  and p.business_key_ = any(?)
                returning j.id_""", String.class, timer,
                (Object) questions.stream().map(UUID::toString).toArray(String[]::new));
    }

    private Map<String, List<String>> lockedByOwner(List<String> jobs) {
        Map<String, List<String>> owners = new HashMap<>();
        jdbc.query("select lock_owner_, id_ from act_ru_job where lock_owner_ is not null and id_ = any(?)", rs -> {
            owners.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }, (Object) jobs.toArray(String[]::new));
        return owners;
    }

    private Map<String, Integer> successesPerJob(List<String> jobs) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("select job_id_, count(*) from act_hi_job_log where job_state_ = 2 and job_id_ = any(?) group by job_id_",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, (Object) jobs.toArray(String[]::new));
        return counts;
    }

    private void awaitGone(List<String> jobs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Integer left = jdbc.queryForObject("select count(*) from act_ru_job where id_ = any(?)", Integer.class,
                    (Object) jobs.toArray(String[]::new));
            if (left == 0) {
                return;
            }
            assertThat(System.nanoTime()).as(left + " of " + jobs.size() + " jobs still not executed after " + timeout)
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private UUID ask(AppNode node, String title) {
        return api.ask(node.baseUrl(), ASKER, community, title, "Question pour la grappe : " + title,
                "cluster-" + UUID.nameUUIDFromBytes(title.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private List<String> inboxIds(AppNode node, String user) {
        ApiClient.Response inbox = api.get(node.baseUrl(), user, "/api/tasks?limit=100");
        assertThat(inbox.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        inbox.body().forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    private UUID communityId() {
        return api.demoCommunity(a.baseUrl(), ASKER);
    }
}
