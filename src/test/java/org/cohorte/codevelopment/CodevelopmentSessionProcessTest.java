package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.cohorte.base.error.ConflictException;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.SessionBoard;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.notification.domain.NotificationRepository;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** codevelopment_session, every path, driven through the services as its users would. */
class CodevelopmentSessionProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    KnowledgeBaseService knowledgeBaseService;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    CodevFixture fixture;
    @Autowired
    CalendarEventRecorder calendar;

    private CodevFixture.Group group;

    @BeforeEach
    void setUp() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T14:00:00Z")));
        group = fixture.group(5);
    }

    private ProcessInstance instance(UUID session) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(session.toString())
                .processDefinitionKey(Steps.PROCESS_KEY).singleResult();
    }

    private SessionBoard board(UUID session) {
        return data.as(group.facilitator(), () -> sessionService.board(session));
    }

    private Job job(UUID session, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance(session).getId()).activityId(activityId).singleResult();
    }

    private void moveClockTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    @Test
    void a_live_session_runs_its_six_steps_then_follow_up_and_a_learning_note_with_consent() {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        ProcessInstance pi = instance(session);
        String client = fixture.clientOf(group, session);
        assertThat(pi).isWaitingAt(Steps.TASK_PREPARE_CASE);
        assertThat(calendar.of(session)).singleElement().satisfies(e -> {
            assertThat(e.cancelled()).isFalse();
            assertThat(e.communityId()).isEqualTo(group.communityId());
            assertThat(e.kind()).isEqualTo("CODEVELOPMENT_SESSION");
        });

        fixture.prepareAndOpen(group, session);
        assertThat(pi).isWaitingAt(Steps.TASK_PRESENT_CASE);
        SessionBoard b = board(session);
        assertThat(b.status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(b.currentStep()).isEqualTo(1);
        assertThat(b.stepEndsAt()).isEqualTo(Instant.parse("2026-03-02T14:10:00Z"));
        assertThat(job(session, "timer_presentation_timebox").getDuedate()).isEqualTo(Date.from(b.stepEndsAt()));

        fixture.runSixSteps(group, session, true);

        b = board(session);
        assertThat(b.status()).isEqualTo(SessionStatus.FOLLOW_UP);
        assertThat(b.questions()).hasSize(4).allSatisfy(q -> assertThat(q.answer()).isEqualTo("Depuis six mois."));
        assertThat(b.contributions()).hasSize(4);
        assertThat(b.learnings()).hasSize(6);
        assertThat(b.actions()).extracting(SessionBoard.Action::body).containsExactly("Lancer un café virtuel", "Revoir les objectifs");
        assertThat(b.contract()).startsWith("Comment garder");
        assertThat(pi).hasPassed("sub_process_presentation", "sub_process_clarification", "sub_process_contract",
                "sub_process_consultation", "sub_process_synthesis", "sub_process_learning", "service_task_finish_steps");
        assertThat(pi).isWaitingAt("timer_follow_up", Steps.TASK_PUBLISH_LEARNING_NOTE);

        // The facilitator publishes a depersonalised note in the community knowledge base.
        String noteTask = fixture.task(session, Steps.TASK_PUBLISH_LEARNING_NOTE, null).getId();
        UUID article = data.as(group.facilitator(), () -> sessionService.publishLearningNote(noteTask,
                "Garder l’engagement à distance", "Un café virtuel hebdomadaire aide.", List.of("télétravail")));
        assertThat(data.as(group.member(0), () -> knowledgeBaseService.get(article)).sourceId()).isEqualTo(session.toString());

        // Four weeks after the session date, the follow-up timer fires.
        Job followUp = job(session, "timer_follow_up");
        assertThat(followUp.getDuedate()).isEqualTo(Date.from(Instant.parse("2026-03-31T14:00:00Z")));
        moveClockTo(Instant.parse("2026-03-31T14:01:00Z"));
        managementService.executeJob(followUp.getId());
        assertThat(pi).isWaitingAt(Steps.TASK_FOLLOW_UP);
        String followTask = fixture.task(session, Steps.TASK_FOLLOW_UP, client).getId();
        data.as(client, () -> sessionService.followUp(followTask, "Le café virtuel a pris.",
                java.util.Map.of(board(session).actions().get(0).id(), "Fait")));
        assertThat(pi).isEnded();
        assertThat(board(session).status()).isEqualTo(SessionStatus.CLOSED);
        assertThat(board(session).actions().get(0).outcome()).isEqualTo("Fait");
    }

    @Test
    void without_consent_no_learning_note_is_asked_for() {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, session);
        fixture.runSixSteps(group, session, false);
        ProcessInstance pi = instance(session);
        assertThat(pi).hasPassed("end_event_no_consent").isWaitingAt("timer_follow_up");
        assertThat(fixture.tasks(session, Steps.TASK_PUBLISH_LEARNING_NOTE)).isEmpty();
    }

    @Test
    void an_async_session_has_due_dates_and_reminds_everyone_when_a_timebox_runs_out() {
        UUID session = fixture.launch(group, SessionMode.ASYNC);
        fixture.prepareAndOpen(group, session);
        ProcessInstance pi = instance(session);
        String client = fixture.clientOf(group, session);
        Instant end = Instant.parse("2026-03-04T14:00:00Z"); // two days
        assertThat(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getDueDate()).isEqualTo(Date.from(end));
        long before = notifications.count();

        moveClockTo(end.plusSeconds(60));
        managementService.executeJob(job(session, "timer_presentation_timebox").getId());
        // Non-interrupting: the step goes on, and the facilitator, client and consultants were told.
        assertThat(pi).isWaitingAt(Steps.TASK_PRESENT_CASE).hasPassed("service_task_remind_presentation");
        assertThat(notifications.count() - before).isEqualTo(6);

        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        assertThat(fixture.tasks(session, Steps.TASK_ASK_QUESTIONS)).hasSize(4)
                .allSatisfy(t -> assertThat(t.getDueDate()).isEqualTo(Date.from(end.plusSeconds(60).plus(3, ChronoUnit.DAYS))));
    }

    @Test
    void the_facilitator_extends_a_step_and_the_reminder_moves_with_it() {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, session);
        data.as(group.facilitator(), () -> sessionService.extend(session, 1, 5));
        Instant end = Instant.parse("2026-03-02T14:15:00Z");
        assertThat(board(session).stepEndsAt()).isEqualTo(end);
        assertThat(job(session, "timer_presentation_timebox").getDuedate()).isEqualTo(Date.from(end));
        assertThat(instance(session)).hasPassed("service_task_extend_presentation").isWaitingAt(Steps.TASK_PRESENT_CASE);
    }

    @Test
    void the_facilitator_advances_a_step_and_a_stale_advance_is_refused() {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, session);
        String client = fixture.clientOf(group, session);
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        assertThat(fixture.tasks(session, Steps.TASK_ASK_QUESTIONS)).hasSize(4);

        data.as(group.facilitator(), () -> sessionService.advance(session, 2));
        ProcessInstance pi = instance(session);
        assertThat(pi).isWaitingAt(Steps.TASK_WRITE_CONTRACT);
        assertThat(fixture.tasks(session, Steps.TASK_ASK_QUESTIONS)).isEmpty();
        assertThat(board(session).currentStep()).isEqualTo(3);

        // A second click made on a board that still showed step 2: one wins, the other is told.
        assertThatThrownBy(() -> data.as(group.facilitator(), () -> sessionService.advance(session, 2)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("codevelopment.error.stepMovedOn");
        assertThat(board(session).currentStep()).isEqualTo(3);
    }

    @Test
    void a_contract_sent_back_is_written_again() {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, session);
        String client = fixture.clientOf(group, session);
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        data.as(group.facilitator(), () -> sessionService.advance(session, 2));
        data.as(client, () -> sessionService.writeContract(fixture.task(session, Steps.TASK_WRITE_CONTRACT, client).getId(), "Trop vague"));
        data.as(group.facilitator(), () -> sessionService.validateContract(
                fixture.task(session, Steps.TASK_VALIDATE_CONTRACT, group.facilitator()).getId(), false));
        assertThat(instance(session)).isWaitingAt(Steps.TASK_WRITE_CONTRACT);
        data.as(client, () -> sessionService.writeContract(fixture.task(session, Steps.TASK_WRITE_CONTRACT, client).getId(), "Comment… ?"));
        data.as(group.facilitator(), () -> sessionService.validateContract(
                fixture.task(session, Steps.TASK_VALIDATE_CONTRACT, group.facilitator()).getId(), true));
        assertThat(instance(session)).isWaitingAt(Steps.TASK_CONSULT);
        assertThat(fixture.tasks(session, Steps.TASK_CONSULT)).hasSize(4);
        assertThat(board(session).contract()).isEqualTo("Comment… ?");
    }

    @ParameterizedTest(name = "cancelled at step {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void a_session_cancelled_at_any_step_ends_and_everyone_is_told(int step) {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        if (step > 0) {
            fixture.prepareAndOpen(group, session);
            for (int s = 1; s < step; s++) {
                int current = s;
                data.as(group.facilitator(), () -> sessionService.advance(session, current));
            }
            assertThat(board(session).currentStep()).isEqualTo(step);
        }
        ProcessInstance pi = instance(session);
        long before = notifications.count();
        data.as(group.facilitator(), () -> sessionService.cancel(session, "Trop d’absents"));
        assertThat(pi).hasPassed("service_task_notify_cancellation", "end_event_cancelled").isEnded();
        assertThat(notifications.count() - before).isEqualTo(6);
        assertThat(board(session).status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(board(session).cancelReason()).isEqualTo("Trop d’absents");
        assertThat(calendar.of(session)).extracting(e -> e.cancelled()).containsExactly(false, true);
    }

    @Test
    void a_timebox_reminder_in_live_mode_tells_the_facilitator_only() {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, session);
        data.as(group.facilitator(), () -> sessionService.advance(session, 1));
        Job timer = job(session, "timer_clarification_timebox");
        assertThat(timer.getDuedate()).isEqualTo(Date.from(Instant.parse("2026-03-02T14:15:00Z")));
        long before = notifications.count();
        moveClockTo(Instant.parse("2026-03-02T14:16:00Z"));
        managementService.executeJob(timer.getId());
        assertThat(notifications.count() - before).isEqualTo(1);
        assertThat(instance(session)).isWaitingAt(Steps.TASK_ASK_QUESTIONS, Steps.TASK_ANSWER_QUESTIONS);
    }

    @Test
    void launching_the_next_session_brings_the_previous_follow_up_forward() {
        UUID first = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, first);
        fixture.runSixSteps(group, first, false);
        assertThat(job(first, "timer_follow_up").getDuedate()).isEqualTo(Date.from(Instant.parse("2026-03-31T14:00:00Z")));

        moveClockTo(Instant.parse("2026-03-09T14:00:00Z"));
        UUID second = fixture.launch(group, SessionMode.LIVE);
        assertThat(fixture.clientOf(group, second)).isNotEqualTo(fixture.clientOf(group, first));
        assertThat(job(first, "timer_follow_up").getDuedate()).isEqualTo(Date.from(Instant.parse("2026-03-10T14:00:00Z")));
    }

    @Test
    void the_session_clock_follows_the_engine_clock() {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, session);
        SessionBoard b = board(session);
        assertThat(Duration.between(Instant.parse("2026-03-02T14:00:00Z"), b.stepEndsAt())).isEqualTo(Duration.ofMinutes(10));
        assertThat(b.timeboxes()).containsExactly(10, 15, 5, 25, 15, 10);
    }
}
