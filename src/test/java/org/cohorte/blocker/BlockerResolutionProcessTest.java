package org.cohorte.blocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.blocker.domain.Blocker;
import org.cohorte.blocker.domain.BlockerRepository;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.domain.BlockerStatus;
import org.cohorte.blocker.service.BlockerResolutionService;
import org.cohorte.blocker.service.BlockerResolutionService.TriageDecision;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.blocker.service.BlockerSummary;
import org.cohorte.identity.service.Roles;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** blocker_resolution: triage, assignment, resolution, escalation to the forum by choice or by SLA. */
class BlockerResolutionProcessTest extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;
    @Autowired
    BlockerService blockerService;
    @Autowired
    BlockerResolutionService resolutionService;
    @Autowired
    BlockerRepository blockers;
    @Autowired
    NotificationService notificationService;

    private String declarer;
    private String advisory;
    private String helper;

    @BeforeEach
    void setUp() {
        init(processEngine);
        declarer = data.user("declarant", Roles.PARTICIPANT);
        advisory = data.user("conseil", Roles.ADVISORY);
        helper = data.user("aidant", Roles.PARTICIPANT);
    }

    private UUID declare() {
        return data.as(declarer, () -> blockerService.declare(BlockerSource.INDICATOR, UUID.randomUUID().toString(),
                null, "Données inaccessibles", "Le fournisseur ne répond plus."));
    }

    private ProcessInstance instanceOf(UUID blockerId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(BlockerResolutionService.PROCESS_KEY)
                .processInstanceBusinessKey(blockerId.toString()).singleResult();
    }

    private Blocker reload(UUID id) {
        return blockers.findById(id).orElseThrow();
    }

    @Test
    void the_advisory_group_assigns_the_blocker_and_the_assignee_lifts_it() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T14:00:00Z")));
        UUID blockerId = declare();
        ProcessInstance instance = instanceOf(blockerId);
        assertThat(instance).isWaitingAt(BlockerResolutionService.TASK_TRIAGE);
        assertThat(task(instance)).hasCandidateGroup(Roles.ADVISORY);
        String triage = task(instance).getId();

        assertThatThrownBy(() -> data.as(advisory, () -> resolutionService.triage(triage, TriageDecision.ASSIGN, "personne-inconnue", null)))
                .isInstanceOf(CohorteException.class).hasMessageContaining("blocker.error.assigneeUnknown");
        data.as(advisory, () -> resolutionService.triage(triage, TriageDecision.ASSIGN, helper, null));
        assertThat(instance).isWaitingAt(BlockerResolutionService.TASK_RESOLVE);
        assertThat(task(instance)).isAssignedTo(helper)
                .hasDueDate(Date.from(Instant.parse("2026-03-02T14:00:00Z").plus(BlockerService.SLA)));
        assertThat(reload(blockerId).getStatus()).isEqualTo(BlockerStatus.ASSIGNED);

        String resolve = task(instance).getId();
        data.as(helper, () -> resolutionService.resolve(resolve, false, "Entente signée avec le fournisseur"));
        assertThat(instance).hasPassed("end_event_blocker_resolved").isEnded();
        Blocker lifted = reload(blockerId);
        assertThat(lifted.getStatus()).isEqualTo(BlockerStatus.RESOLVED);
        assertThat(lifted.getResolution()).isEqualTo("Entente signée avec le fournisseur");
        assertThat(lifted.getAssignee()).isEqualTo(helper);
    }

    @Test
    void a_resolve_task_handed_to_someone_else_behind_cohortes_back_is_still_refused_to_them() {
        UUID blockerId = declare();
        ProcessInstance instance = instanceOf(blockerId);
        data.as(advisory, () -> resolutionService.triage(task(instance).getId(), TriageDecision.ASSIGN, helper, null));
        String resolve = task(instance).getId();
        String intruder = data.user("intrus", Roles.PARTICIPANT);
        taskService.setAssignee(resolve, intruder);
        assertThatThrownBy(() -> data.as(intruder, () -> resolutionService.resolve(resolve, false, "Réglé, promis")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("blocker.error.notAssignee");
        assertThat(reload(blockerId).getStatus()).isEqualTo(BlockerStatus.ASSIGNED);
    }

    @Test
    void a_blocker_escalated_at_triage_goes_to_the_forum_who_is_told() {
        String forum = data.user("forum", Roles.FORUM);
        UUID blockerId = declare();
        ProcessInstance instance = instanceOf(blockerId);
        String triage = task(instance).getId();
        // Only the advisory group triages.
        assertThatThrownBy(() -> data.as(declarer, () -> resolutionService.triage(triage, TriageDecision.ESCALATE, null, null)))
                .isInstanceOf(CohorteException.class);
        data.as(advisory, () -> resolutionService.triage(triage, TriageDecision.ESCALATE, null, null));
        assertThat(instance).hasPassed("service_task_escalate_blocker").isEnded();
        assertThat(reload(blockerId).getStatus()).isEqualTo(BlockerStatus.ESCALATED);
        assertThat(reload(blockerId).getEscalatedAt()).isNotNull();
        assertThat(data.as(forum, () -> notificationService.recent(20)))
                .filteredOn(n -> n.messageKey().equals("blocker.notify.escalated"))
                .anySatisfy(n -> {
                    assertThat(n.args()).anyMatch(a -> a.contains("Données inaccessibles"));
                    // It links to where the forum reads open blockers.
                    assertThat(n.link()).isEqualTo("steering-room");
                });
        assertThat(data.as(forum, () -> blockerService.openBlockers()).stream().map(BlockerSummary::id)).contains(blockerId);
    }

    @Test
    void past_its_sla_an_assigned_blocker_is_escalated_automatically() {
        Instant declared = Instant.parse("2026-05-04T13:00:00Z");
        ClockUtil.setCurrentTime(Date.from(declared));
        UUID blockerId = declare();
        ProcessInstance instance = instanceOf(blockerId);
        data.as(advisory, () -> resolutionService.triage(task(instance).getId(), TriageDecision.ASSIGN, helper, null));

        Job sla = managementService.createJobQuery().processInstanceId(instance.getId()).activityId("timer_resolution_sla")
                .singleResult();
        assertThat(sla.getDuedate()).isEqualTo(Date.from(declared.plus(BlockerService.SLA)));
        ClockUtil.setCurrentTime(Date.from(declared.plus(BlockerService.SLA).plus(Duration.ofHours(1))));
        managementService.executeJob(sla.getId());

        assertThat(instance).hasPassed("timer_resolution_sla", "service_task_escalate_blocker").isEnded();
        assertThat(reload(blockerId).getStatus()).isEqualTo(BlockerStatus.ESCALATED);
        assertThat(reload(blockerId).ageInDays(declared.plus(Duration.ofDays(15))))
                .isEqualTo(15);
    }

    @Test
    void an_untriaged_blocker_reminds_the_advisory_group_after_two_days_and_stays_to_triage() {
        Instant declared = Instant.parse("2026-06-01T13:00:00Z");
        ClockUtil.setCurrentTime(Date.from(declared));
        UUID blockerId = declare();
        ProcessInstance instance = instanceOf(blockerId);
        Job reminder = managementService.createJobQuery().processInstanceId(instance.getId())
                .activityId("timer_triage_reminder").singleResult();
        // Model and code say the delay once: the reminder fires when the triage task falls due, two days on.
        assertThat(reminder.getDuedate()).isEqualTo(task(instance).getDueDate())
                .isEqualTo(Date.from(declared.plus(Duration.ofDays(2))));
        ClockUtil.setCurrentTime(Date.from(declared.plus(Duration.ofDays(2)).plusSeconds(60)));
        managementService.executeJob(reminder.getId());

        assertThat(instance).hasPassed("service_task_remind_advisory").isWaitingAt(BlockerResolutionService.TASK_TRIAGE);
        assertThat(data.as(advisory, () -> notificationService.unreadCount())).isPositive();
        // The assignee may escalate instead of lifting it.
        data.as(advisory, () -> resolutionService.triage(task(instance).getId(), TriageDecision.ASSIGN, helper, null));
        assertThatThrownBy(() -> data.as(helper, () -> resolutionService.resolve(task(instance).getId(), false, " ")))
                .hasMessageContaining("blocker.error.resolutionRequired");
        data.as(helper, () -> resolutionService.resolve(task(instance).getId(), true, null));
        assertThat(instance).hasPassed("user_task_resolve_blocker", "service_task_escalate_blocker").isEnded();
        assertThat(reload(blockerId).getStatus()).isEqualTo(BlockerStatus.ESCALATED);
    }

    @Test
    void someone_outside_the_oversight_groups_cannot_list_open_blockers() {
        assertThatThrownBy(() -> data.as(declarer, () -> blockerService.openBlockers())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void a_reminder_that_fails_is_retried_five_minutes_later_then_raises_an_incident_and_the_triage_stays_open() {
        Instant declared = Instant.parse("2026-06-08T13:00:00Z");
        ClockUtil.setCurrentTime(Date.from(declared));
        UUID blockerId = declare();
        ProcessInstance instance = instanceOf(blockerId);
        // A record the reminder cannot find: the reminder fails, the process does not.
        runtimeService.setVariable(instance.getId(), "blockerId", UUID.randomUUID().toString());
        String reminder = managementService.createJobQuery().processInstanceId(instance.getId())
                .activityId("timer_triage_reminder").singleResult().getId();
        Date now = Date.from(declared.plus(Duration.ofDays(2)).plusSeconds(60));
        for (int attempt = 1; attempt <= 3; attempt++) {
            ClockUtil.setCurrentTime(now);
            assertThatThrownBy(() -> managementService.executeJob(reminder)).hasMessageContaining("blocker.error.notFound");
            Job failed = managementService.createJobQuery().jobId(reminder).singleResult();
            assertThat(failed.getRetries()).isEqualTo(3 - attempt);
            if (attempt < 3) {
                // The timer's R3/PT5M, read by the engine from the model.
                assertThat(failed.getDuedate()).isEqualTo(Date.from(now.toInstant().plus(Duration.ofMinutes(5))));
                now = failed.getDuedate();
            }
        }
        assertThat(runtimeService.createIncidentQuery().configuration(reminder).singleResult().getActivityId())
                .isEqualTo("timer_triage_reminder");
        assertThat(instance).isWaitingAt(BlockerResolutionService.TASK_TRIAGE);
    }
}
