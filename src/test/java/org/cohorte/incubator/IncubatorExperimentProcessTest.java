package org.cohorte.incubator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.blocker.service.BlockerSummary;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.service.ExperimentHistory;
import org.cohorte.incubator.service.ExperimentScaledEvent;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** incubator_experiment, driven through IncubatorService as its people would, one test per path. */
class IncubatorExperimentProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    HistoryService historyService;
    @Autowired
    IncubatorService incubator;
    @Autowired
    IncubatorFixture fixture;
    @Autowired
    BlockerService blockerService;
    @Autowired
    ScaledEventRecorder scaledEvents;
    @Autowired
    org.cohorte.notification.service.NotificationService notifications;

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

    private ExperimentStage stage(UUID id) {
        return data.as(cast.committee(), () -> incubator.get(id).getStage());
    }

    private void review(String who, UUID id, String key, DecisionKind outcome, String comment) {
        String taskId = fixture.task(id, key).getId();
        data.as(who, () -> incubator.review(taskId, outcome, comment));
    }

    private void testCard(UUID id, String who) {
        String taskId = fixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(who, () -> incubator.submitTestCard(taskId, "Les citoyens préfèrent réserver en ligne",
                "ouvrir la réservation en ligne au bureau de Québec", "le temps d’attente moyen au comptoir",
                "l’attente moyenne descend sous 15 minutes"));
    }

    /** Moves to the end of the period and fires the timers: the learning card opens. */
    private void endRun(UUID id) {
        advance(Duration.ofDays(400));
        fixture.fireDueTimers(id);
    }

    private void learn(UUID id, double observed) {
        String taskId = fixture.task(id, IncubatorService.TASK_LEARNING_CARD).getId();
        data.as(cast.teammate(), () -> incubator.submitLearningCard(taskId, observed,
                "La réservation en ligne attire surtout les jeunes", "Ajouter un rappel par SMS"));
    }

    private void decide(UUID id, DecisionKind decision) {
        String taskId = fixture.task(id, IncubatorService.TASK_DECISION).getId();
        data.as(cast.committee2(), () -> incubator.decide(taskId, decision, "Au vu de la carte", 4));
    }

    private String suggestion(UUID id) {
        return (String) processEngine.getRuntimeService().getVariable(fixture.instance(id).getId(), "suggestedDecision");
    }

    /** Proposed, approved at the first level, test card done: running. */
    private UUID running() {
        UUID id = fixture.propose(cast, 10_000, 6);
        review(cast.committee(), id, IncubatorService.TASK_REVIEW, DecisionKind.APPROVE, "");
        testCard(id, cast.proposer());
        return id;
    }

    @Test
    void an_approved_proposal_goes_to_the_test_card_and_starts_a_run() {
        UUID id = fixture.propose(cast, 10_000, 6);
        ProcessInstance instance = fixture.instance(id);
        assertThat(instance).isWaitingAt(IncubatorService.TASK_REVIEW).variables()
                .containsEntry("needsSecondLevel", false).containsEntry("proposerId", cast.proposer());
        assertThat(fixture.task(id, IncubatorService.TASK_REVIEW)).hasCandidateGroup("committee");
        assertThat(stage(id)).isEqualTo(ExperimentStage.IN_REVIEW);

        review(cast.committee(), id, IncubatorService.TASK_REVIEW, DecisionKind.APPROVE, "");
        assertThat(instance).hasPassed("gateway_second_level").isWaitingAt(IncubatorService.TASK_TEST_CARD);
        assertThat(fixture.task(id, IncubatorService.TASK_TEST_CARD)).hasCandidateUser(cast.proposer())
                .hasCandidateUser(cast.teammate());
        assertThat(stage(id)).isEqualTo(ExperimentStage.TEST_CARD);

        // Someone outside the team cannot fill the card.
        String taskId = fixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(cast.outsider(), () -> assertThatThrownBy(() -> incubator.submitTestCard(taskId, "a", "b", "c", "d"))
                .isInstanceOf(NotFoundException.class));
        data.as(cast.proposer(), () -> assertThatThrownBy(() -> incubator.submitTestCard(taskId, "a", " ", "c", "d"))
                .isInstanceOf(CohorteException.class).hasMessageContaining("incubator.error.testCardIncomplete"));

        testCard(id, cast.proposer());
        assertThat(instance).isWaitingAt("timer_run_end");
        assertThat(stage(id)).isEqualTo(ExperimentStage.RUNNING);
        var experiment = data.as(cast.proposer(), () -> incubator.get(id));
        assertThat(experiment.getRunEndsAt()).isEqualTo(now.plus(Duration.ofDays(6 * 7 + 2)));
    }

    @Test
    void changes_requested_go_back_to_the_proposer_then_the_revised_proposal_is_approved() {
        UUID id = fixture.propose(cast, 10_000, 6);
        String reviewTask = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee(), () -> assertThatThrownBy(() -> incubator.review(reviewTask, DecisionKind.REQUEST_CHANGES, " "))
                .isInstanceOf(CohorteException.class).hasMessageContaining("incubator.error.commentRequired"));
        review(cast.committee(), id, IncubatorService.TASK_REVIEW, DecisionKind.REQUEST_CHANGES, "Précisez la mesure");

        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_REVISE);
        assertThat(fixture.task(id, IncubatorService.TASK_REVISE)).isAssignedTo(cast.proposer());
        assertThat(stage(id)).isEqualTo(ExperimentStage.CHANGES_REQUESTED);

        String reviseTask = fixture.task(id, IncubatorService.TASK_REVISE).getId();
        var revised = fixture.proposal(cast, 12_000, 8);
        var changed = new org.cohorte.incubator.domain.ProposalData(revised.title(), revised.organizationId(),
                revised.sponsorId(), revised.team(), revised.problem(), revised.hypothesis(),
                "Temps d’attente médian au comptoir", "min", 12.0, false, 8, 12_000, revised.resources());
        data.as(cast.teammate(), () -> assertThatThrownBy(() -> incubator.revise(reviseTask, changed))
                .isInstanceOf(NotFoundException.class));
        data.as(cast.proposer(), () -> incubator.revise(reviseTask, changed));

        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_REVIEW);
        assertThat(stage(id)).isEqualTo(ExperimentStage.IN_REVIEW);
        review(cast.committee(), id, IncubatorService.TASK_REVIEW, DecisionKind.APPROVE, "Merci");
        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_TEST_CARD);
        var experiment = data.as(cast.proposer(), () -> incubator.get(id));
        assertThat(experiment.getMetric()).isEqualTo("Temps d’attente médian au comptoir");
        assertThat(experiment.getThreshold()).isEqualTo(12.0);
        assertThat(data.as(cast.proposer(), () -> incubator.history(id)).decisions())
                .extracting(d -> d.getKind()).containsExactly(DecisionKind.REQUEST_CHANGES, DecisionKind.APPROVE);
    }

    @Test
    void a_rejected_proposal_ends_with_its_reason() {
        UUID id = fixture.propose(cast, 10_000, 6);
        String reviewTask = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee(), () -> assertThatThrownBy(() -> incubator.review(reviewTask, DecisionKind.REJECT, ""))
                .isInstanceOf(CohorteException.class).hasMessageContaining("incubator.error.reasonRequired"));
        ProcessInstance instance = fixture.instance(id);
        review(cast.committee(), id, IncubatorService.TASK_REVIEW, DecisionKind.REJECT, "Hors du mandat de l’incubateur");
        assertThat(instance).isEnded().hasPassed("end_event_rejected");
        assertThat(stage(id)).isEqualTo(ExperimentStage.REJECTED);
        assertThat(data.as(cast.proposer(), () -> incubator.get(id)).getReviewComment())
                .isEqualTo("Hors du mandat de l’incubateur");
    }

    @Test
    void a_large_proposal_needs_a_second_level_from_another_committee_member() {
        UUID id = fixture.propose(cast, 80_000, 6);
        ProcessInstance instance = fixture.instance(id);
        assertThat(instance).variables().containsEntry("needsSecondLevel", true);
        review(cast.committee(), id, IncubatorService.TASK_REVIEW, DecisionKind.APPROVE, "");
        assertThat(instance).isWaitingAt(IncubatorService.TASK_SECOND_LEVEL);
        assertThat(stage(id)).isEqualTo(ExperimentStage.SECOND_REVIEW);
        assertThat(fixture.task(id, IncubatorService.TASK_SECOND_LEVEL)).hasCandidateGroup("committee");

        String second = fixture.task(id, IncubatorService.TASK_SECOND_LEVEL).getId();
        data.as(cast.committee(), () -> assertThatThrownBy(() -> incubator.review(second, DecisionKind.APPROVE, ""))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("incubator.error.secondLevelSamePerson"));
        review(cast.committee2(), id, IncubatorService.TASK_SECOND_LEVEL, DecisionKind.APPROVE, "Budget justifié");
        assertThat(instance).hasPassed(IncubatorService.TASK_SECOND_LEVEL).isWaitingAt(IncubatorService.TASK_TEST_CARD);
        assertThat(data.as(cast.proposer(), () -> incubator.history(id)).decisions()).extracting(d -> d.getKind())
                .containsExactly(DecisionKind.APPROVE, DecisionKind.SECOND_LEVEL_APPROVE);
    }

    @Test
    void a_long_proposal_rejected_at_the_second_level_ends() {
        UUID id = fixture.propose(cast, 1_000, 13);
        ProcessInstance instance = fixture.instance(id);
        review(cast.committee(), id, IncubatorService.TASK_REVIEW, DecisionKind.APPROVE, "");
        assertThat(instance).isWaitingAt(IncubatorService.TASK_SECOND_LEVEL);
        review(cast.committee2(), id, IncubatorService.TASK_SECOND_LEVEL, DecisionKind.REJECT, "Trop long pour un premier essai");
        assertThat(instance).isEnded().hasPassed("end_event_rejected");
        assertThat(stage(id)).isEqualTo(ExperimentStage.REJECTED);
    }

    @Test
    void a_six_week_run_has_six_weekly_check_ins_then_the_learning_card() {
        UUID id = running();
        Instant start = now;
        for (int week = 1; week <= 6; week++) {
            advance(Duration.ofDays(7));
            assertThat(fixture.fireDueTimers(id)).as("week " + week).isEqualTo(1);
            assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).hasSize(1);
            String taskId = fixture.task(id, IncubatorService.TASK_CHECK_IN).getId();
            double value = 30 - 2 * week;
            boolean blocked = week == 3;
            data.as(cast.teammate(), () -> incubator.checkIn(taskId, "Semaine d’essai", value,
                    blocked ? "Pas d’accès au système de rendez-vous" : null,
                    blocked ? "La DGTI n’a pas ouvert l’accès" : null));
            assertThat(stage(id)).isEqualTo(ExperimentStage.RUNNING);
        }
        advance(Duration.ofDays(1));
        assertThat(fixture.fireDueTimers(id)).isZero();
        assertThat(fixture.instance(id)).isWaitingAt("timer_run_end");
        advance(Duration.ofDays(1));
        assertThat(fixture.fireDueTimers(id)).isEqualTo(1);
        assertThat(now).isEqualTo(start.plus(Duration.ofDays(44)));
        assertThat(fixture.instance(id)).hasPassed("service_task_close_run").isWaitingAt(IncubatorService.TASK_LEARNING_CARD);
        assertThat(stage(id)).isEqualTo(ExperimentStage.LEARNING);
        assertThat(processEngine.getManagementService().createJobQuery()
                .processInstanceId(fixture.instance(id).getId()).count()).isZero();

        ExperimentHistory history = data.as(cast.sponsor(), () -> incubator.history(id));
        assertThat(history.checkIns()).extracting(c -> c.getWeek()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(history.checkIns()).extracting(c -> c.getMetricValue()).containsExactly(28.0, 26.0, 24.0, 22.0, 20.0, 18.0);
        assertThat(history.blockers()).extracting(BlockerSummary::title).containsExactly("Pas d’accès au système de rendez-vous");
        // One blocker model: the committee (and the steering room) see it among the open blockers.
        List<BlockerSummary> open = data.as(cast.committee(), () -> blockerService.openBlockers());
        assertThat(open).filteredOn(b -> b.sourceId().equals(id.toString()))
                .extracting(BlockerSummary::sourceType, BlockerSummary::organizationId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BlockerSource.EXPERIMENT, cast.organization()));
    }

    @Test
    void a_check_in_missed_at_the_end_of_the_period_is_closed_with_the_run() {
        UUID id = running();
        endRun(id);
        assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).isEmpty();
        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_LEARNING_CARD);
    }

    @Test
    void persevere_extends_the_run() {
        UUID id = running();
        endRun(id);
        learn(id, 17); // lower is better, criterion 15: 88 % → persevere
        assertThat(suggestion(id)).isEqualTo("PERSEVERE");
        decide(id, DecisionKind.PERSEVERE);
        assertThat(fixture.instance(id)).isWaitingAt("timer_run_end");
        assertThat(stage(id)).isEqualTo(ExperimentStage.RUNNING);
        var experiment = data.as(cast.proposer(), () -> incubator.get(id));
        assertThat(experiment.getRunEndsAt()).isEqualTo(now.plus(Duration.ofDays(4 * 7 + 2)));
        advance(Duration.ofDays(7));
        assertThat(fixture.fireDueTimers(id)).isEqualTo(1);
        assertThat(fixture.tasks(id, IncubatorService.TASK_CHECK_IN)).hasSize(1);
    }

    @Test
    void pivot_loops_to_a_new_test_card_and_keeps_the_first_iteration() {
        UUID id = running();
        endRun(id);
        learn(id, 25); // 60 % at the first iteration → pivot
        assertThat(suggestion(id)).isEqualTo("PIVOT");
        decide(id, DecisionKind.PIVOT);
        assertThat(fixture.instance(id)).isWaitingAt(IncubatorService.TASK_TEST_CARD);
        assertThat(stage(id)).isEqualTo(ExperimentStage.TEST_CARD);
        testCard(id, cast.teammate());
        var history = data.as(cast.proposer(), () -> incubator.history(id));
        assertThat(history.iterations()).extracting(i -> i.getNumber()).containsExactly(1, 2);
        assertThat(history.iterations().get(0).getObservedValue()).isEqualTo(25.0);
        assertThat(history.iterations().get(0).getSuggestion()).isEqualTo("PIVOT");
    }

    @Test
    void scale_ends_the_experiment_and_hands_it_to_the_performance_feature() {
        UUID id = running();
        endRun(id);
        learn(id, 12);
        assertThat(suggestion(id)).isEqualTo("SCALE");
        ProcessInstance instance = fixture.instance(id);
        decide(id, DecisionKind.SCALE);
        assertThat(instance).isEnded().hasPassed("end_event_scaled");
        assertThat(stage(id)).isEqualTo(ExperimentStage.SCALED);
        ExperimentScaledEvent event = scaledEvents.events().stream().filter(e -> e.experimentId().equals(id))
                .findFirst().orElseThrow();
        assertThat(event.organizationId()).isEqualTo(cast.organization());
        assertThat(event.metric()).isEqualTo("Temps d’attente moyen");
        assertThat(event.unit()).isEqualTo("min");
        assertThat(event.observedValue()).isEqualTo(12.0);
        assertThat(event.threshold()).isEqualTo(15.0);
        assertThat(event.higherIsBetter()).isFalse();
        assertThat(event.sponsorId()).isEqualTo(cast.sponsor());
        // The team and the sponsor are told, with a link to the experiment.
        var told = data.as(cast.proposer(), () -> notifications.recent(10));
        assertThat(told).extracting(n -> n.messageKey()).contains("incubator.notify.review.APPROVE",
                "incubator.notify.decision.SCALE");
        assertThat(told).filteredOn(n -> n.messageKey().equals("incubator.notify.decision.SCALE"))
                .singleElement().satisfies(n -> {
                    assertThat(n.args()).containsExactly("Prise de rendez-vous en ligne");
                    assertThat(n.link()).isEqualTo("incubator/experiment/" + id);
                });
        assertThat(data.as(cast.outsider(), () -> notifications.recent(10))).isEmpty();
    }

    @Test
    void stop_archives_the_experiment() {
        UUID id = running();
        endRun(id);
        learn(id, 40);
        assertThat(suggestion(id)).isEqualTo("PIVOT"); // first iteration: the table still suggests a pivot
        ProcessInstance instance = fixture.instance(id);
        decide(id, DecisionKind.STOP);
        assertThat(instance).isEnded().hasPassed("end_event_stopped");
        assertThat(stage(id)).isEqualTo(ExperimentStage.STOPPED);
        assertThat(scaledEvents.events()).noneMatch(e -> e.experimentId().equals(id));
    }

    @Test
    void pivot_twice_then_scale_keeps_every_iteration() {
        UUID id = running();
        endRun(id);
        learn(id, 25);
        assertThat(suggestion(id)).isEqualTo("PIVOT");
        decide(id, DecisionKind.PIVOT);

        testCard(id, cast.proposer());
        endRun(id);
        learn(id, 40); // 37.5 % at the second iteration → the table suggests stop, the committee pivots anyway
        assertThat(suggestion(id)).isEqualTo("STOP");
        decide(id, DecisionKind.PIVOT);

        testCard(id, cast.proposer());
        endRun(id);
        learn(id, 14);
        assertThat(suggestion(id)).isEqualTo("SCALE");
        ProcessInstance instance = fixture.instance(id);
        decide(id, DecisionKind.SCALE);
        assertThat(instance).isEnded().hasPassed("end_event_scaled");

        var history = data.as(cast.sponsor(), () -> incubator.history(id));
        assertThat(history.iterations()).extracting(i -> i.getNumber()).containsExactly(1, 2, 3);
        assertThat(history.iterations()).extracting(i -> i.getObservedValue()).containsExactly(25.0, 40.0, 14.0);
        assertThat(history.decisions()).extracting(d -> d.getKind()).containsExactly(DecisionKind.APPROVE,
                DecisionKind.PIVOT, DecisionKind.PIVOT, DecisionKind.SCALE);
        assertThat(history.decisions()).extracting(d -> d.getSuggestion()).containsExactly(null, "PIVOT", "STOP", "SCALE");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(IncubatorService.TASK_TEST_CARD).count()).isEqualTo(3);
    }
}
