package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.persistence.ConflictRetry;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.ActionInput;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 16: everyone of a live session clicks "done" on a parallel step in the same instant. Each click must
 * succeed the first time (nothing reaches the person as an error), and the step's join must happen exactly once.
 * The clicks are fired from threads released together by a barrier, at the three parallel steps (clarification:
 * consultants and client; consultation: consultants; learning integration: everyone). 20 repetitions on
 * PostgreSQL, 3 on H2 (-Dcohorte.clicks.repetitions=N to choose).
 */
class SimultaneousClicksIT extends IntegrationTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ConflictRetry retry;
    @Autowired
    DataSource dataSource;

    @Test
    void five_consultants_clicking_done_together_all_succeed_and_each_step_moves_on_once() throws Exception {
        clickTogether(6);
    }

    @Test
    void eight_people_clicking_done_together_all_succeed_and_each_step_moves_on_once() throws Exception {
        // A group has at most 8 members: 7 consultants, and 8 clicks at clarification (with the client), 9 at learning.
        clickTogether(8);
    }

    private void clickTogether(int groupSize) throws Exception {
        int repetitions = Integer.getInteger("cohorte.clicks.repetitions", onPostgres() ? 20 : 3);
        CodevFixture.Group g = fixture.group(groupSize);
        Outcomes outcomes = new Outcomes();
        long retriesBefore = retry.retries();
        long givenUpBefore = retry.givenUp();
        long started = System.nanoTime();
        for (int r = 0; r < repetitions; r++) {
            runSession(g, outcomes);
        }
        long retries = retry.retries() - retriesBefore;
        System.out.printf("SimultaneousClicksIT group of %d, %d sessions, %d ms: %d clicks, %d succeeded, %d retried"
                        + " attempts, %d errors shown to users, %d commands given up; click time p50 %d ms, p95 %d ms,"
                        + " max %d ms%n", groupSize, repetitions,
                (System.nanoTime() - started) / 1_000_000, outcomes.clicks.get(), outcomes.succeeded.get(), retries,
                outcomes.failed.get(), retry.givenUp() - givenUpBefore, outcomes.percentile(50), outcomes.percentile(95),
                outcomes.percentile(100));
        assertThat(outcomes.failed.get()).as("errors shown to users").isZero();
        assertThat(outcomes.succeeded.get()).isEqualTo(outcomes.clicks.get());
        assertThat(retry.givenUp() - givenUpBefore).isZero();
    }

    private void runSession(CodevFixture.Group g, Outcomes outcomes) throws Exception {
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String client = fixture.clientOf(g, session);
        List<String> consultants = fixture.consultantsOf(g, session);
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));

        // Clarification: every consultant and the client at once (multi-instance join, then the parallel join).
        List<Click> clarification = new ArrayList<>();
        for (String c : consultants) {
            String task = fixture.task(session, Steps.TASK_ASK_QUESTIONS, c).getId();
            clarification.add(new Click(c, () -> sessionService.finishClarification(task)));
        }
        String answer = fixture.task(session, Steps.TASK_ANSWER_QUESTIONS, client).getId();
        clarification.add(new Click(client, () -> sessionService.finishClarification(answer)));
        fire(clarification, outcomes);
        assertMovedOnOnce(g.facilitator(), session, "service_task_enter_contract", Steps.TASK_WRITE_CONTRACT, 3);

        data.as(client, () -> sessionService.writeContract(fixture.task(session, Steps.TASK_WRITE_CONTRACT, client).getId(),
                "Comment garder l’engagement de mon équipe ?"));
        data.as(g.facilitator(), () -> sessionService.validateContract(
                fixture.task(session, Steps.TASK_VALIDATE_CONTRACT, g.facilitator()).getId(), true));

        // Consultation: every consultant at once.
        List<Click> consultation = new ArrayList<>();
        for (String c : consultants) {
            String task = fixture.task(session, Steps.TASK_CONSULT, c).getId();
            consultation.add(new Click(c, () -> sessionService.finishConsultation(task)));
        }
        fire(consultation, outcomes);
        assertMovedOnOnce(g.facilitator(), session, "service_task_enter_synthesis", Steps.TASK_SYNTHESIZE, 5);

        data.as(client, () -> sessionService.synthesize(fixture.task(session, Steps.TASK_SYNTHESIZE, client).getId(),
                "Je retiens le café virtuel.", List.of(new ActionInput("Lancer un café virtuel",
                        EngineClock.today().plusDays(14))), false));

        // Learning integration: everyone at once, the facilitator included.
        List<Click> learning = new ArrayList<>();
        for (Task t : fixture.tasks(session, Steps.TASK_INTEGRATE_LEARNING)) {
            learning.add(new Click(t.getAssignee(), () -> sessionService.integrateLearning(t.getId(), "J’ai appris.", 4)));
        }
        assertThat(learning).hasSize(consultants.size() + 2);
        fire(learning, outcomes);
        String instance = processInstance(session);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("service_task_finish_steps").count()).isEqualTo(1);
        assertThat(fixture.tasks(session, Steps.TASK_INTEGRATE_LEARNING)).isEmpty();
        assertThat(data.as(g.facilitator(), () -> sessionService.board(session).status()).name()).isEqualTo("FOLLOW_UP");
    }

    private void assertMovedOnOnce(String facilitator, UUID session, String enterActivity, String nextTask, int nextStep) {
        String instance = processInstance(session);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(enterActivity).count()).as(enterActivity + " in history").isEqualTo(1);
        assertThat(fixture.tasks(session, nextTask)).as(nextTask).hasSize(1);
        assertThat(data.as(facilitator, () -> sessionService.board(session).currentStep())).isEqualTo(nextStep);
    }

    private String processInstance(UUID session) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(session.toString())
                .singleResult().getId();
    }

    private record Click(String user, Runnable action) {
    }

    private static final class Outcomes {
        final AtomicInteger clicks = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        // How long each click took, retries included: what the person waits for.
        final java.util.Queue<Long> millis = new java.util.concurrent.ConcurrentLinkedQueue<>();

        long percentile(int p) {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    /** All clicks released in the same instant; each one's outcome counted. */
    private void fire(List<Click> clicks, Outcomes outcomes) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(clicks.size());
        ExecutorService pool = Executors.newFixedThreadPool(clicks.size());
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (Click click : clicks) {
                results.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    long start = System.nanoTime();
                    try {
                        data.as(click.user(), click.action());
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    } finally {
                        outcomes.millis.add((System.nanoTime() - start) / 1_000_000);
                    }
                }));
            }
            List<Throwable> errors = new ArrayList<>();
            for (Future<Throwable> result : results) {
                outcomes.clicks.incrementAndGet();
                Throwable error = result.get(120, TimeUnit.SECONDS);
                if (error == null) {
                    outcomes.succeeded.incrementAndGet();
                } else {
                    outcomes.failed.incrementAndGet();
                    errors.add(error);
                }
            }
            if (!errors.isEmpty()) {
                AssertionError failure = new AssertionError(errors.size() + " of " + clicks.size() + " clicks failed");
                errors.forEach(failure::addSuppressed);
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean onPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }
}
