package org.cohorte.incubator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.domain.Iteration;
import org.cohorte.incubator.service.ExperimentHistory;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The run's events that do not wait for a timer: a check-in recorded whenever the team has news (the weekly timer
 * only reminds) and a run closed early by the team or the committee, with a reason, which goes on to the learning
 * card as at the end of the period. Engine clock moved by hand, job executor off.
 */
class IncubatorRunEventsProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    IncubatorService incubator;
    @Autowired
    IncubatorFixture fixture;

    private IncubatorFixture.Cast cast;
    private Instant now;

    @BeforeEach
    void setUp() {
        init(processEngine);
        now = Instant.parse("2026-03-02T14:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        cast = fixture.cast();
    }

    private void advance(Duration duration) {
        now = now.plus(duration);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    /** Proposed, approved, test card done: a six-week run under way. */
    private UUID running() {
        UUID id = fixture.propose(cast, 10_000, 6);
        String review = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee(), () -> incubator.review(review, DecisionKind.APPROVE, ""));
        String card = fixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(cast.proposer(), () -> incubator.submitTestCard(card, "On croit", "On fera", "On mesurera", "On aura raison si"));
        assertThat(fixture.instance(id)).isWaitingAt("timer_run_end");
        return id;
    }

    private ExperimentHistory history(UUID id) {
        return data.as(cast.sponsor(), () -> incubator.history(id));
    }

    private ExperimentStage stage(UUID id) {
        return history(id).experiment().getStage();
    }

    private long jobs(UUID id) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(fixture.instance(id).getId()).count();
    }

    @Test
    void the_team_checks_in_any_time_during_the_run_and_a_check_in_answers_the_open_weekly_reminder() {
        UUID id = running();
        advance(Duration.ofDays(2));
        // Day 2: no reminder yet, the team has news.
        assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).isEmpty();
        data.as(cast.teammate(), () -> incubator.recordCheckIn(id, "Premières réservations", 27.0, null, null));
        data.as(cast.proposer(), () -> incubator.recordCheckIn(id, "Affiche posée à l’accueil", null, null, null));
        assertThat(history(id).checkIns()).extracting(c -> c.getObservations(), c -> c.getAuthor())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Premières réservations", cast.teammate()),
                        org.assertj.core.groups.Tuple.tuple("Affiche posée à l’accueil", cast.proposer()));
        assertThat(fixture.instance(id)).hasPassed("end_event_check_in_recorded").isWaitingAt("timer_run_end");
        assertThat(stage(id)).isEqualTo(ExperimentStage.RUNNING);

        // Day 7: the weekly timer reminds; a check-in from the page answers the reminder.
        advance(Duration.ofDays(5));
        assertThat(fixture.fireDueTimers(id)).isEqualTo(1);
        assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).hasSize(1);
        data.as(cast.teammate(), () -> incubator.recordCheckIn(id, "Semaine une", 25.0, "Accès refusé", "La DGTI tarde"));
        assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).isEmpty();
        assertThat(history(id).checkIns()).hasSize(3);
        assertThat(history(id).blockers()).hasSize(1);
        assertThat(fixture.instance(id)).isWaitingAt("timer_run_end");
    }

    @Test
    void only_the_team_checks_in_and_only_while_the_run_lasts() {
        UUID id = running();
        assertThatThrownBy(() -> data.as(cast.committee2(), () -> incubator.recordCheckIn(id, "Du comité", null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> data.as(cast.sponsor(), () -> incubator.recordCheckIn(id, "Du parrain", null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> data.as(cast.outsider(), () -> incubator.recordCheckIn(id, "D’ailleurs", null, null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(cast.teammate(), () -> incubator.recordCheckIn(id, "  ", null, null, null)))
                .isInstanceOf(CohorteException.class).hasFieldOrPropertyWithValue("messageKey", "incubator.error.observationsRequired");
        assertThat(history(id).checkIns()).isEmpty();

        // Before the run (in review) and after it (learning card): refused, nothing recorded.
        UUID proposed = fixture.propose(cast, 10_000, 6);
        assertThatThrownBy(() -> data.as(cast.proposer(), () -> incubator.recordCheckIn(proposed, "Trop tôt", null, null, null)))
                .isInstanceOf(CohorteException.class).hasFieldOrPropertyWithValue("messageKey", "incubator.error.notRunning");
        advance(Duration.ofDays(400));
        fixture.fireDueTimers(id);
        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_LEARNING_CARD);
        assertThatThrownBy(() -> data.as(cast.teammate(), () -> incubator.recordCheckIn(id, "Trop tard", null, null, null)))
                .isInstanceOf(CohorteException.class).hasFieldOrPropertyWithValue("messageKey", "incubator.error.notRunning");
        assertThat(history(id).checkIns()).isEmpty();
    }

    @Test
    void the_team_closes_the_run_early_with_a_reason_and_the_learning_card_opens_as_at_the_end() {
        UUID id = running();
        advance(Duration.ofDays(10));
        fixture.fireDueTimers(id);
        assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).hasSize(1);
        assertThatThrownBy(() -> data.as(cast.teammate(), () -> incubator.closeRunEarly(id, " ")))
                .isInstanceOf(CohorteException.class).hasFieldOrPropertyWithValue("messageKey", "incubator.error.closeReasonRequired");
        assertThat(fixture.instance(id)).isWaitingAt("timer_run_end");

        data.as(cast.teammate(), () -> incubator.closeRunEarly(id, "Le résultat est clair dès la deuxième semaine"));

        assertThat(fixture.instance(id)).hasPassed("end_event_closed_early", "service_task_close_run")
                .hasNotPassed("end_event_run_over").isWaitingAt(IncubatorService.TASK_LEARNING_CARD);
        assertThat(stage(id)).isEqualTo(ExperimentStage.LEARNING);
        // The run's timers (end of period, weekly reminder) and the open reminder are gone with it.
        assertThat(jobs(id)).isZero();
        assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).isEmpty();
        Iteration iteration = history(id).iterations().get(0);
        assertThat(iteration.getClosedEarlyBy()).isEqualTo(cast.teammate());
        assertThat(iteration.getClosedEarlyReason()).isEqualTo("Le résultat est clair dès la deuxième semaine");
        assertThat(iteration.getClosedEarlyAt()).isEqualTo(now);

        // Closed once: a second close is told the truth.
        assertThatThrownBy(() -> data.as(cast.proposer(), () -> incubator.closeRunEarly(id, "Encore")))
                .isInstanceOf(CohorteException.class).hasFieldOrPropertyWithValue("messageKey", "incubator.error.notRunning");
    }

    @Test
    void the_committee_closes_a_run_early_and_it_goes_to_the_learning_card_then_the_decision() {
        UUID id = running();
        advance(Duration.ofDays(3));
        data.as(cast.committee2(), () -> incubator.closeRunEarly(id, "Le budget de l’an prochain se décide maintenant"));
        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_LEARNING_CARD);
        String card = fixture.task(id, IncubatorService.TASK_LEARNING_CARD).getId();
        data.as(cast.teammate(), () -> incubator.submitLearningCard(card, 12.0, "Déjà concluant", "Étendre"));
        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_DECISION);
        assertThat(stage(id)).isEqualTo(ExperimentStage.DECISION);
        assertThat(history(id).iterations().get(0).getClosedEarlyBy()).isEqualTo(cast.committee2());
    }

    @Test
    void who_is_neither_team_nor_committee_cannot_close_the_run() {
        UUID id = running();
        assertThatThrownBy(() -> data.as(cast.sponsor(), () -> incubator.closeRunEarly(id, "Je préfère arrêter")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> data.as(cast.outsider(), () -> incubator.closeRunEarly(id, "Je préfère arrêter")))
                .isInstanceOf(NotFoundException.class);
        assertThat(fixture.instance(id)).isWaitingAt("timer_run_end");
        assertThat(stage(id)).isEqualTo(ExperimentStage.RUNNING);
        assertThat(data.as(cast.sponsor(), () -> incubator.mayCloseRunEarly(id))).isFalse();
        assertThat(data.as(cast.committee2(), () -> incubator.mayCloseRunEarly(id))).isTrue();
        assertThat(data.as(cast.teammate(), () -> incubator.mayCloseRunEarly(id))).isTrue();
        assertThat(data.as(cast.committee2(), () -> incubator.mayCheckIn(id))).isFalse();
        assertThat(data.as(cast.teammate(), () -> incubator.mayCheckIn(id))).isTrue();
    }

    @Test
    void two_people_closing_at_once_close_it_once_and_the_other_is_told_it_no_longer_runs() throws Exception {
        UUID id = running();
        Date clock = ClockUtil.getCurrentTime();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (String who : List.of(cast.teammate(), cast.committee2())) {
                outcomes.add(pool.submit(() -> {
                    ClockUtil.setCurrentTime(clock);
                    start.await();
                    try {
                        data.as(who, () -> incubator.closeRunEarly(id, "Fin anticipée par " + who));
                        return "closed";
                    } catch (CohorteException e) {
                        return e.getMessageKey();
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactlyInAnyOrder("closed", "incubator.error.notRunning");
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_LEARNING_CARD);
        assertThat(fixture.tasks(id, IncubatorService.TASK_LEARNING_CARD)).hasSize(1);
        assertThat(history(id).iterations()).hasSize(1);
    }
}
