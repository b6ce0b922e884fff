package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerResolutionService;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.MeasurementState;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.domain.ReviewStatus;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** performance_review, driven through ReviewService as owners, validators and managers would. */
class PerformanceReviewProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    ReviewService reviewService;
    @Autowired
    BlockerService blockerService;
    @Autowired
    PerformanceFixture fixture;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    @BeforeEach
    void setUp() {
        init(processEngine);
    }

    private ProcessInstance instanceOf(Review review) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(review.getId().toString())
                .processDefinitionKey(ReviewService.PROCESS_KEY).singleResult();
    }

    private Task taskOf(ProcessInstance instance, String key, String assignee) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).list();
        return tasks.stream().filter(t -> assignee == null || assignee.equals(t.getAssignee())).findFirst().orElseThrow();
    }

    @Test
    void a_value_sent_back_then_accepted_is_rated_and_the_signed_off_review_is_published() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T14:00:00Z")));
        var org = fixture.organization("rev");
        Indicator indicator = fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80,
                LocalDate.of(2026, 12, 31), Direction.HIGHER);
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q1"));
        ProcessInstance instance = instanceOf(review);
        assertThat(instance).isStarted().isWaitingAt(ReviewService.TASK_ENTER);

        Task enter = taskOf(instance, ReviewService.TASK_ENTER, org.owner());
        data.as(org.owner(), () -> reviewService.submitMeasurement(enter.getId(), 50.0, "Erreur de saisie", null));
        Task validate = taskOf(instance, ReviewService.TASK_VALIDATE, org.validator());
        // Someone else cannot validate it.
        assertThatThrownBy(() -> data.as(org.owner(), () -> reviewService.validateMeasurement(validate.getId(), true, null)))
                .isInstanceOf(NotFoundException.class);
        data.as(org.validator(), () -> reviewService.validateMeasurement(validate.getId(), false, "Valeur douteuse"));
        assertThat(instance).isWaitingAt(ReviewService.TASK_ENTER);
        Measurement sentBack = data.as(org.manager(), () -> reviewService.measurements(review.getId())).get(0);
        assertThat(sentBack.getState()).isEqualTo(MeasurementState.SENT_BACK);
        assertThat(sentBack.getSendBackReason()).isEqualTo("Valeur douteuse");

        Task again = taskOf(instance, ReviewService.TASK_ENTER, org.owner());
        data.as(org.owner(), () -> reviewService.submitMeasurement(again.getId(), 65.5, "Sondage de mars",
                "https://example.org/sondage"));
        Task validateAgain = taskOf(instance, ReviewService.TASK_VALIDATE, org.validator());
        data.as(org.validator(), () -> reviewService.validateMeasurement(validateAgain.getId(), true, null));

        assertThat(instance).isWaitingAt(ReviewService.TASK_SIGN_OFF);
        Measurement accepted = data.as(org.manager(), () -> reviewService.measurements(review.getId())).get(0);
        assertThat(accepted.getState()).isEqualTo(MeasurementState.ACCEPTED);
        assertThat(accepted.getValue()).isEqualTo(65.5);
        // 24 % of the year gone by, 27.5 % of the way done: on track.
        assertThat(accepted.getStatus()).isEqualTo(IndicatorStatus.ON_TRACK);
        assertThat(accepted.getProgress()).isEqualTo(0.275, within(1e-9));
        assertThat(accepted.getIndicatorId()).isEqualTo(indicator.getId());

        Task signOff = taskOf(instance, ReviewService.TASK_SIGN_OFF, null);
        var other = fixture.organization("autre");
        assertThatThrownBy(() -> data.as(other.manager(), () -> reviewService.signOff(signOff.getId(), "ok")))
                .isInstanceOf(NotFoundException.class);
        data.as(org.manager(), () -> reviewService.signOff(signOff.getId(), "Revue conforme"));
        assertThat(instance).hasPassed("service_task_publish_review").isEnded();
        Review published = data.as(org.manager(), () -> reviewService.review(review.getId()));
        assertThat(published.getStatus()).isEqualTo(ReviewStatus.PUBLISHED);
        assertThat(published.getSignedOffBy()).isEqualTo(org.manager());
    }

    @Test
    void a_tampered_validator_variable_changes_nothing_and_a_new_validator_named_by_the_manager_gets_the_task() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T14:00:00Z")));
        var org = fixture.organization("falsif");
        Indicator indicator = fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80,
                LocalDate.of(2026, 12, 31), Direction.HIGHER);
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q1"));
        ProcessInstance instance = instanceOf(review);
        Task enter = taskOf(instance, ReviewService.TASK_ENTER, org.owner());
        // What an attacker did through /engine-rest before it closed: name himself the validator of his own value.
        taskService.setVariable(enter.getId(), "validatorId", org.owner());
        data.as(org.owner(), () -> reviewService.submitMeasurement(enter.getId(), 75.0, null, null));
        Task validate = taskOf(instance, ReviewService.TASK_VALIDATE, org.owner());
        assertThatThrownBy(() -> data.as(org.owner(), () -> reviewService.validateMeasurement(validate.getId(), true, null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("performance.error.notValidator");
        assertThat(data.as(org.manager(), () -> reviewService.measurements(review.getId())).get(0).getState())
                .isEqualTo(MeasurementState.SUBMITTED);
        // The manager names a validator: the open task follows Cohorte's record.
        String newValidator = data.user("nouveau-valid", Roles.PARTICIPANT);
        data.as(org.manager(), () -> indicatorService.updateIndicator(indicator.getId(), new IndicatorDefinition(
                indicator.getName(), indicator.getUnit(), indicator.getBaselineValue(), indicator.getBaselineDate(),
                indicator.getTargetValue(), indicator.getTargetDate(), indicator.getDirection(), indicator.getFrequency(),
                org.owner(), newValidator)));
        assertThat(taskService.createTaskQuery().taskId(validate.getId()).singleResult().getAssignee()).isEqualTo(newValidator);
        assertThatThrownBy(() -> data.as(org.validator(), () -> reviewService.validateMeasurement(validate.getId(), true, null)))
                .isInstanceOf(NotFoundException.class);
        data.as(newValidator, () -> reviewService.validateMeasurement(validate.getId(), true, null));
        assertThat(data.as(org.manager(), () -> reviewService.measurements(review.getId())).get(0).getState())
                .isEqualTo(MeasurementState.ACCEPTED);
    }

    @Test
    void nobody_validates_a_value_they_entered_even_when_named_validator() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T14:00:00Z")));
        var org = fixture.organization("soi");
        Indicator indicator = fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80,
                LocalDate.of(2026, 12, 31), Direction.HIGHER);
        data.as(org.manager(), () -> indicatorService.updateIndicator(indicator.getId(), new IndicatorDefinition(
                indicator.getName(), indicator.getUnit(), indicator.getBaselineValue(), indicator.getBaselineDate(),
                indicator.getTargetValue(), indicator.getTargetDate(), indicator.getDirection(), indicator.getFrequency(),
                org.owner(), org.owner())));
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q1"));
        ProcessInstance instance = instanceOf(review);
        Task enter = taskOf(instance, ReviewService.TASK_ENTER, org.owner());
        assertThatThrownBy(() -> data.as(org.validator(), () -> reviewService.submitMeasurement(enter.getId(), 70.0, null, null)))
                .isInstanceOf(NotFoundException.class);
        data.as(org.owner(), () -> reviewService.submitMeasurement(enter.getId(), 70.0, null, null));
        Task validate = taskOf(instance, ReviewService.TASK_VALIDATE, org.owner());
        assertThatThrownBy(() -> data.as(org.owner(), () -> reviewService.validateMeasurement(validate.getId(), true, null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("performance.error.ownValue");
    }

    @Test
    void each_indicator_runs_its_own_instance_and_off_track_requires_an_action_plan_with_a_blocker() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-07-02T14:00:00Z")));
        var org = fixture.organization("hors");
        Indicator delay = fixture.indicator(org, "Délai de traitement", 100, LocalDate.of(2026, 1, 1), 60,
                LocalDate.of(2026, 12, 31), Direction.LOWER);
        Indicator volume = fixture.indicator(org, "Dossiers traités", 0, LocalDate.of(2026, 1, 1), 1000,
                LocalDate.of(2026, 12, 31), Direction.HIGHER);
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q2"));
        assertThatThrownBy(() -> data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q2")))
                .isInstanceOf(ConflictException.class);
        ProcessInstance instance = instanceOf(review);
        List<Task> entries = taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(ReviewService.TASK_ENTER).list();
        assertThat(entries).hasSize(2);

        for (Task entry : entries) {
            String name = (String) taskService.getVariable(entry.getId(), "indicatorName");
            // Half the year: the delay should be down to about 80; 98 is far behind. The volume is on its path.
            double value = name.equals(delay.getName()) ? 98 : 520;
            data.as(org.owner(), () -> reviewService.submitMeasurement(entry.getId(), value, null, null));
        }
        for (Task validate : taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(ReviewService.TASK_VALIDATE).list()) {
            data.as(org.validator(), () -> reviewService.validateMeasurement(validate.getId(), true, null));
        }

        Task plan = taskOf(instance, ReviewService.TASK_ACTION_PLAN, org.owner());
        assertThat(taskService.getVariable(plan.getId(), "indicatorId")).isEqualTo(delay.getId().toString());
        assertThat(instance).isWaitingAt(ReviewService.TASK_ACTION_PLAN);
        assertThatThrownBy(() -> data.as(org.owner(), () -> reviewService.submitActionPlan(plan.getId(), "  ", null, null)))
                .hasMessageContaining("performance.error.required");
        data.as(org.owner(), () -> reviewService.submitActionPlan(plan.getId(), "Renfort de deux agents",
                "Postes non comblés", "Le recrutement est gelé jusqu’en septembre."));

        assertThat(instance).isWaitingAt(ReviewService.TASK_SIGN_OFF);
        var byIndicator = data.as(org.manager(), () -> reviewService.measurements(review.getId())).stream()
                .collect(java.util.stream.Collectors.toMap(Measurement::getIndicatorId, m -> m));
        assertThat(byIndicator.get(delay.getId()).getStatus()).isEqualTo(IndicatorStatus.OFF_TRACK);
        assertThat(byIndicator.get(delay.getId()).getActionPlan()).isEqualTo("Renfort de deux agents");
        assertThat(byIndicator.get(volume.getId()).getStatus()).isEqualTo(IndicatorStatus.ON_TRACK);

        var blockers = data.as(org.manager(), () -> blockerService.forSource(BlockerSource.INDICATOR, delay.getId().toString()));
        assertThat(blockers).hasSize(1);
        assertThat(blockers.get(0).organizationId()).isEqualTo(org.id());
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(BlockerResolutionService.PROCESS_KEY)
                .processInstanceBusinessKey(blockers.get(0).id().toString()).count()).isEqualTo(1);
    }

    @Test
    void the_quarter_timer_opens_the_review_of_every_organization_with_active_indicators() {
        var org = fixture.organization("minuterie");
        fixture.indicator(org, "Taux de réponse", 10, LocalDate.of(2030, 1, 1), 50, LocalDate.of(2032, 1, 1),
                Direction.HIGHER);
        Job timer = managementService.createJobQuery().processDefinitionKey(ReviewService.PROCESS_KEY).timers()
                .list().stream().filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
        // The first of April 2031, 2 a.m.: the first quarter of 2031 has just ended.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-04-01T06:00:00Z")));
        managementService.executeJob(timer.getId());
        // The timer lists the organizations; each one's review opens in a job of its own.
        Job opening = managementService.createJobQuery().activityId("service_task_open_organization_review").list().stream()
                .filter(j -> org.id().toString().equals(runtimeService.getVariable(j.getExecutionId(), "organizationId")))
                .findFirst().orElseThrow();
        managementService.executeJob(opening.getId());

        Review review = data.as(org.manager(), () -> reviewService.reviews(org.id())).stream()
                .filter(r -> r.getPeriod().equals("2031-Q1")).findFirst().orElseThrow();
        assertThat(review.getStatus()).isEqualTo(ReviewStatus.IN_PROGRESS);
        ProcessInstance instance = instanceOf(review);
        assertThat(instance).isWaitingAt(ReviewService.TASK_ENTER);
        Task entry = taskOf(instance, ReviewService.TASK_ENTER, org.owner());
        assertThat(entry.getDueDate()).isEqualTo(Date.from(Instant.parse("2031-04-01T06:00:00Z").plus(java.time.Duration.ofDays(20))));
        // A new timer waits for the next quarter.
        assertThat(managementService.createJobQuery().processDefinitionKey(ReviewService.PROCESS_KEY).timers().list()
                .stream().filter(j -> j.getProcessInstanceId() == null).count()).isEqualTo(1);
    }

    @Test
    void an_indicator_whose_owner_has_no_account_goes_to_a_manager_who_names_another_then_the_review_goes_on() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T14:00:00Z")));
        var org = fixture.organization("sansresp");
        Indicator indicator = fixture.indicator(org, "Satisfaction", 60, LocalDate.of(2026, 1, 1), 80,
                LocalDate.of(2026, 12, 31), Direction.HIGHER);
        // The owner left: their account is gone, the indicator's record still names them.
        identityService.deleteUser(org.owner());
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q1"));
        ProcessInstance instance = instanceOf(review);
        assertThat(instance).isWaitingAt(ReviewService.TASK_ASSIGN_OWNER).hasPassed("error_event_owner_missing");
        assertThat(taskService.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(ReviewService.TASK_ENTER).count()).isZero();
        Task assign = taskOf(instance, ReviewService.TASK_ASSIGN_OWNER, null);
        assertThat(taskService.getVariable(assign.getId(), "indicatorId")).isEqualTo(indicator.getId().toString());

        // Confirming before anyone is named is refused, and a manager of another organization cannot act.
        assertThatThrownBy(() -> data.as(org.manager(), () -> reviewService.confirmOwnerAssigned(assign.getId())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("performance.error.ownerStillMissing");
        var other = fixture.organization("autreresp");
        assertThatThrownBy(() -> data.as(other.manager(), () -> reviewService.confirmOwnerAssigned(assign.getId())))
                .isInstanceOf(NotFoundException.class);

        String newOwner = data.user("nouveau-resp", Roles.PARTICIPANT);
        data.as(org.manager(), () -> indicatorService.updateIndicator(indicator.getId(), new IndicatorDefinition(
                indicator.getName(), indicator.getUnit(), indicator.getBaselineValue(), indicator.getBaselineDate(),
                indicator.getTargetValue(), indicator.getTargetDate(), indicator.getDirection(), indicator.getFrequency(),
                newOwner, org.validator())));
        data.as(org.manager(), () -> reviewService.confirmOwnerAssigned(assign.getId()));
        assertThat(instance).isWaitingAt(ReviewService.TASK_ENTER);
        Task enter = taskOf(instance, ReviewService.TASK_ENTER, newOwner);
        data.as(newOwner, () -> reviewService.submitMeasurement(enter.getId(), 70.0, null, null));
        assertThat(instance).isWaitingAt(ReviewService.TASK_VALIDATE);
    }
}
