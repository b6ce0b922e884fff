package org.cohorte.codevelopment.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.CodevGroupRepository;
import org.cohorte.codevelopment.domain.CodevParticipant;
import org.cohorte.codevelopment.domain.CodevParticipantRepository;
import org.cohorte.codevelopment.domain.CodevSession;
import org.cohorte.codevelopment.domain.CodevSessionRepository;
import org.cohorte.codevelopment.domain.ParticipantRole;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.notification.service.NotificationService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the session process does on its own: enter a step, remind when a timebox runs out, move the reminder
 * when a step is extended, close the six steps, tell participants of a cancellation. Called only by the
 * process's delegates, inside the engine command of the person or timer that moved the process on; they
 * return ids and dates, never case content.
 */
@Service
public class SessionProgress {

    private final CodevSessionRepository sessions;
    private final CodevParticipantRepository participants;
    private final CodevGroupRepository groups;
    private final NotificationService notificationService;
    private final ManagementService managementService;
    private final SessionChanges changes;
    private final SessionSteps sessionSteps;

    public SessionProgress(CodevSessionRepository sessions, CodevParticipantRepository participants,
                           CodevGroupRepository groups, NotificationService notificationService,
                           ManagementService managementService, SessionChanges changes, SessionSteps sessionSteps) {
        this.sessionSteps = sessionSteps;
        this.sessions = sessions;
        this.participants = participants;
        this.groups = groups;
        this.notificationService = notificationService;
        this.managementService = managementService;
        this.changes = changes;
    }

    /** Enters step {@code step}; returns when its timebox ends. */
    @Transactional
    public Date enterStep(UUID sessionId, int step) {
        CodevSession s = session(sessionId);
        s.enterStep(step);
        changes.changed(sessionId);
        if (s.getMode() == SessionMode.ASYNC) {
            notificationService.notify(everyone(s), "codevelopment.notification.stepStarted",
                    subjectArgs(s, String.valueOf(step)), "codevelopment/session/" + sessionId);
        }
        return Date.from(s.getStepEndsAt());
    }

    /** The timebox of the current step ran out: the facilitator (and, in async mode, everyone) is told. */
    @Transactional
    public void timeboxOver(UUID sessionId) {
        CodevSession s = session(sessionId);
        List<String> recipients = s.getMode() == SessionMode.ASYNC ? everyone(s) : List.of(s.getFacilitatorId());
        notificationService.notify(recipients, "codevelopment.notification.timeboxOver",
                subjectArgs(s, String.valueOf(s.getCurrentStep())), "codevelopment/session/" + sessionId);
        changes.changed(sessionId);
    }

    /**
     * The step, then what the notification is about: the group's name and the session's date (ISO, the same in
     * both languages: a notification's arguments are stored once for all its readers).
     */
    private List<String> subjectArgs(CodevSession s, String step) {
        String group = groups.findById(s.getGroupId()).map(g -> g.getName()).orElse("");
        return List.of(step, group, s.getScheduledAt().atZone(EngineClock.ZONE).toLocalDate().toString());
    }

    /** The step was extended: its reminder moves to the new end (if it has not fired yet). */
    @Transactional
    public void rescheduleReminder(UUID sessionId, String processInstanceId, String processDefinitionId) {
        CodevSession s = session(sessionId);
        Instant end = s.getStepEndsAt();
        Job timer = managementService.createJobQuery().processInstanceId(processInstanceId)
                .activityId(sessionSteps.step(processDefinitionId, s.getCurrentStep()).timerId()).singleResult();
        if (timer != null && end != null) {
            managementService.setJobDuedate(timer.getId(), Date.from(end));
        }
        changes.changed(sessionId);
    }

    @Transactional
    public void finishSteps(UUID sessionId) {
        CodevSession s = session(sessionId);
        s.finishSteps();
        changes.changed(sessionId);
    }

    @Transactional
    public void notifyCancelled(UUID sessionId) {
        CodevSession s = session(sessionId);
        String group = groups.findById(s.getGroupId()).map(g -> g.getName()).orElse("");
        notificationService.notify(everyone(s), "codevelopment.notification.sessionCancelled",
                List.of(group, s.getScheduledAt().atZone(EngineClock.ZONE).toLocalDate().toString(),
                        s.getCancelReason() == null ? "" : s.getCancelReason()), "codevelopment/group/" + s.getGroupId());
        changes.changed(sessionId);
    }

    /** Present consultants, in a stable order: the multi-instance collection of the consultants' tasks. */
    @Transactional(readOnly = true)
    public List<String> consultants(UUID sessionId) {
        return participants.findByIdSessionId(sessionId).stream()
                .filter(p -> p.getRole() == ParticipantRole.CONSULTANT && p.isPresent())
                .map(CodevParticipant::getUserId).sorted().toList();
    }

    /** Client, present consultants and facilitator: who writes learnings and rates the session. */
    @Transactional(readOnly = true)
    public List<String> everyone(UUID sessionId) {
        return everyone(session(sessionId));
    }

    private List<String> everyone(CodevSession s) {
        List<String> all = new ArrayList<>();
        all.add(s.getClientId());
        all.addAll(consultants(s.getId()));
        all.add(s.getFacilitatorId());
        return all;
    }

    private CodevSession session(UUID sessionId) {
        return sessions.findById(sessionId).orElseThrow(CodevGroupService::notFound);
    }
}
