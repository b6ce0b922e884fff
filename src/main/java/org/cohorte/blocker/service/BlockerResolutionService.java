package org.cohorte.blocker.service;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.blocker.domain.Blocker;
import org.cohorte.blocker.domain.BlockerRepository;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.Roles;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code blocker_resolution}: every declared blocker, whatever its source, is triaged by the advisory group,
 * then lifted by the person it is given to, or escalated to the forum (by choice or when its SLA runs out).
 */
@Service
public class BlockerResolutionService {

    public static final String PROCESS_KEY = "blocker_resolution";
    public static final String TASK_TRIAGE = "user_task_triage_blocker";
    public static final String TASK_RESOLVE = "user_task_resolve_blocker";
    /** Triage is due this long after the declaration; the model's reminder fires at that due date. */
    static final Duration TRIAGE_DUE = Duration.ofDays(2);

    /** What the advisory group decides at triage. */
    public enum TriageDecision { ASSIGN, RESOLVE, ESCALATE }

    private final BlockerRepository blockers;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final EngineAuthentication engineAuthentication;
    private final InboxService inboxService;
    private final CurrentUser currentUser;
    private final NotificationService notificationService;

    public BlockerResolutionService(BlockerRepository blockers, RuntimeService runtimeService,
                                    IdentityService identityService, EngineAuthentication engineAuthentication,
                                    InboxService inboxService, CurrentUser currentUser,
                                    NotificationService notificationService) {
        this.blockers = blockers;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.engineAuthentication = engineAuthentication;
        this.inboxService = inboxService;
        this.currentUser = currentUser;
        this.notificationService = notificationService;
    }

    /** Starts the resolution in the declaring transaction: no blocker without its process. */
    @EventListener
    public void onBlockerDeclared(BlockerDeclaredEvent event) {
        Blocker blocker = blockers.findById(event.blockerId()).orElseThrow();
        Map<String, Object> variables = new HashMap<>();
        variables.put("blockerId", blocker.getId().toString());
        variables.put("blockerTitle", blocker.getTitle());
        variables.put("blockerSource", blocker.getSourceType().name());
        variables.put("triageDueDate", Date.from(EngineClock.now().plus(TRIAGE_DUE)));
        variables.put("slaDueDate", Date.from(blocker.slaDueAt(BlockerService.SLA)));
        engineAuthentication.asSystem(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY,
                blocker.getId().toString(), variables));
    }

    /** The advisory group's triage: give it to someone, lift it now, or take it to the forum. */
    @Transactional
    public void triage(String taskId, TriageDecision decision, String assigneeId, String resolution) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_TRIAGE);
        currentUser.requireAnyGroup(Roles.ADVISORY, Roles.ADMIN);
        Blocker blocker = blockerOf(task);
        if (decision == null) {
            throw new CohorteException("blocker.error.decisionRequired");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("triageDecision", decision.name());
        switch (decision) {
            case ASSIGN -> {
                String assignee = assigneeId == null ? "" : assigneeId.strip();
                if (assignee.isEmpty() || !userExists(assignee)) {
                    throw new CohorteException("blocker.error.assigneeUnknown");
                }
                blocker.assign(assignee);
                variables.put("assigneeId", assignee);
            }
            case RESOLVE -> blocker.resolve(resolutionText(resolution));
            case ESCALATE -> blocker.escalate();
        }
        inboxService.complete(taskId, variables);
    }

    /** The assignee lifts the blocker (saying how) or takes it to the forum. */
    @Transactional
    public void resolve(String taskId, boolean escalate, String resolution) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_RESOLVE);
        Blocker blocker = blockerOf(task);
        // The person the advisory group assigned, as the blocker records it (not the task's assignee variable).
        if (!currentUser.userId().equals(blocker.getAssignee())) {
            throw new ForbiddenException("blocker.error.notAssignee");
        }
        if (escalate) {
            blocker.escalate();
        } else {
            blocker.resolve(resolutionText(resolution));
        }
        inboxService.complete(taskId, Map.of("resolutionOutcome", escalate ? "ESCALATE" : "RESOLVED"));
    }

    /** The process's escalation step (chosen, or the SLA ran out): the forum is told. */
    @Transactional
    public void escalate(UUID blockerId) {
        Blocker blocker = blockers.findById(blockerId).orElseThrow(() -> new NotFoundException("blocker.error.notFound"));
        if (blocker.getStatus().isOpen()) {
            if (blocker.getEscalatedAt() == null) {
                blocker.escalate();
            }
            // The steering room lists open blockers, escalated ones included: the forum's page for them.
            notificationService.notify(membersOf(Roles.FORUM), "blocker.notify.escalated", List.of(blocker.getTitle()),
                    "steering-room");
        }
    }

    /** The triage reminder: the advisory group is told the blocker still waits. */
    @Transactional
    public void remindAdvisory(UUID blockerId) {
        Blocker blocker = blockers.findById(blockerId).orElseThrow(() -> new NotFoundException("blocker.error.notFound"));
        notificationService.notify(membersOf(Roles.ADVISORY), "blocker.notify.triageReminder", List.of(blocker.getTitle()), "tasks");
    }

    /** The blocker a resolution task is about, for that task's form (the task's holder may read it). */
    @Transactional(readOnly = true)
    public Blocker blockerForTask(String taskId) {
        return blockerOf(inboxService.get(taskId));
    }

    private Blocker blockerOf(TaskDetails task) {
        if (!PROCESS_KEY.equals(task.processDefinitionKey()) || task.businessKey() == null) {
            throw new NotFoundException("blocker.error.notFound");
        }
        return blockers.findById(UUID.fromString(task.businessKey()))
                .orElseThrow(() -> new NotFoundException("blocker.error.notFound"));
    }

    private static String resolutionText(String resolution) {
        String clean = resolution == null ? "" : PlainText.clean(resolution).strip();
        if (clean.isEmpty()) {
            throw new CohorteException("blocker.error.resolutionRequired");
        }
        if (clean.length() > BlockerService.MAX_DESCRIPTION) {
            throw new CohorteException("blocker.error.tooLong", BlockerService.MAX_TITLE, BlockerService.MAX_DESCRIPTION);
        }
        return clean;
    }

    private boolean userExists(String userId) {
        return engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(userId).count() > 0);
    }

    private List<String> membersOf(String group) {
        return engineAuthentication.asSystem(() -> identityService.createUserQuery().memberOfGroup(group).list()
                .stream().map(User::getId).toList());
    }
}
