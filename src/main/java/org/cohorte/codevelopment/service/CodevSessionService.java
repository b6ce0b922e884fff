package org.cohorte.codevelopment.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.limits.RateLimits;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConcurrentChangeException;
import org.cohorte.base.persistence.ConflictRetry;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.CodevAction;
import org.cohorte.codevelopment.domain.CodevActionRepository;
import org.cohorte.codevelopment.domain.CodevEntry;
import org.cohorte.codevelopment.domain.CodevEntryRepository;
import org.cohorte.codevelopment.domain.CodevGroup;
import org.cohorte.codevelopment.domain.CodevGroupMember;
import org.cohorte.codevelopment.domain.CodevGroupMemberRepository;
import org.cohorte.codevelopment.domain.CodevParticipant;
import org.cohorte.codevelopment.domain.CodevParticipantRepository;
import org.cohorte.codevelopment.domain.CodevSession;
import org.cohorte.codevelopment.domain.CodevSessionRepository;
import org.cohorte.codevelopment.domain.CodevStepNote;
import org.cohorte.codevelopment.domain.CodevStepNoteRepository;
import org.cohorte.codevelopment.domain.EntryKind;
import org.cohorte.codevelopment.domain.ParticipantRole;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.community.service.CommunityActivityScheduledEvent;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.MemberService;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Codevelopment sessions, from launch to follow-up, driven by {@code codevelopment-session.bpmn}. Every
 * method checks the signed-in user against the group (facilitator, or active member who accepted the
 * charter) and their role in the session; task forms write the domain data and complete the task in one
 * transaction. Commands that complete a task or move a step run through {@link ConflictRetry}: several people
 * finishing a parallel step in the same instant collide on the engine's optimistic lock, and the losers' commands
 * run again, checks included, instead of telling them "changed meanwhile".
 */
@Service
public class CodevSessionService {

    public static final int MIN_CONSULTANTS = 3;
    public static final int MAX_SHORT = 300;
    public static final int MAX_TEXT = 5000;
    public static final int MAX_LONG = 10000;
    public static final int MAX_ACTIONS = 10;
    public static final String SOURCE_TYPE = "codevelopment-session";
    static final int MAX_TIMEBOX_MINUTES = 60 * 24 * 30;

    private final CodevSessionRepository sessions;
    private final CodevParticipantRepository participants;
    private final CodevEntryRepository entries;
    private final CodevActionRepository actions;
    private final CodevGroupMemberRepository groupMembers;
    private final CodevGroupService groupService;
    private final InboxService inboxService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final EngineAuthentication engineAuthentication;
    private final CurrentUser currentUser;
    private final MemberService memberService;
    private final NotificationService notificationService;
    private final KnowledgeBaseService knowledgeBaseService;
    private final ApplicationEventPublisher events;
    private final SessionChanges changes;
    private final SessionAccess access;

    private final RateLimits rateLimits;
    private final ConflictRetry retry;
    private final SessionSteps sessionSteps;
    private final CodevStepNoteRepository stepNotes;

    public CodevSessionService(CodevSessionRepository sessions, CodevParticipantRepository participants,
                               CodevEntryRepository entries, CodevActionRepository actions,
                               CodevGroupMemberRepository groupMembers, CodevGroupService groupService,
                               InboxService inboxService, RuntimeService runtimeService, TaskService taskService,
                               ManagementService managementService, EngineAuthentication engineAuthentication,
                               CurrentUser currentUser, MemberService memberService,
                               NotificationService notificationService, KnowledgeBaseService knowledgeBaseService,
                               ApplicationEventPublisher events, SessionChanges changes, SessionAccess access, RateLimits rateLimits,
                               ConflictRetry retry, SessionSteps sessionSteps, CodevStepNoteRepository stepNotes) {
        this.stepNotes = stepNotes;
        this.rateLimits = rateLimits;
        this.retry = retry;
        this.sessionSteps = sessionSteps;
        this.sessions = sessions;
        this.participants = participants;
        this.entries = entries;
        this.actions = actions;
        this.groupMembers = groupMembers;
        this.groupService = groupService;
        this.inboxService = inboxService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.engineAuthentication = engineAuthentication;
        this.currentUser = currentUser;
        this.memberService = memberService;
        this.notificationService = notificationService;
        this.knowledgeBaseService = knowledgeBaseService;
        this.events = events;
        this.changes = changes;
        this.access = access;
    }

    // ---------------------------------------------------------------- launch

    /** The default timeboxes of a mode, in minutes, as the model gives them. */
    public List<Integer> defaultTimeboxes(SessionMode mode) {
        return sessionSteps.defaultTimeboxMinutes(mode);
    }

    /** The six steps, as the model defines them (number, label key, default timeboxes). */
    public List<SessionSteps.Step> steps() {
        return sessionSteps.steps();
    }

    /**
     * The group's facilitator launches a session: the client (suggested by rotation, or another with a
     * reason) prepares their case, the other members who accepted the charter are the consultants.
     */
    @Transactional
    public UUID launch(UUID groupId, LaunchRequest request) {
        CodevGroup group = groupService.requireFacilitator(groupId);
        if (request.scheduledAt() == null || request.mode() == null) {
            throw new CohorteException("codevelopment.error.dateRequired");
        }
        List<Integer> timeboxes = request.timeboxMinutes() == null ? defaultTimeboxes(request.mode()) : request.timeboxMinutes();
        if (timeboxes.size() != CodevSession.STEPS
                || timeboxes.stream().anyMatch(t -> t == null || t < 1 || t > MAX_TIMEBOX_MINUTES)) {
            throw new CohorteException("codevelopment.error.timeboxInvalid", MAX_TIMEBOX_MINUTES);
        }
        if (request.followUpWeeks() < 1 || request.followUpWeeks() > 26) {
            throw new CohorteException("codevelopment.error.followUpWeeksInvalid", 26);
        }
        List<CodevGroupMember> all = groupMembers.findByIdGroupId(groupId);
        List<CodevGroupMember> active = all.stream().filter(CodevGroupMember::isActive).toList();
        CodevGroupMember client = active.stream().filter(m -> m.getUserId().equals(request.clientId())).findFirst()
                .orElseThrow(() -> new CohorteException("codevelopment.error.clientNotMember"));
        if (!client.hasAcceptedCharter()) {
            throw new CohorteException("codevelopment.error.clientCharter", memberService.displayName(client.getUserId()));
        }
        List<String> consultants = active.stream().filter(m -> m.hasAcceptedCharter() && m != client)
                .map(CodevGroupMember::getUserId).toList();
        if (consultants.size() < MIN_CONSULTANTS) {
            throw new CohorteException("codevelopment.error.tooFewConsultants", MIN_CONSULTANTS, consultants.size());
        }
        String suggested = groupService.suggestedClient(groupId, all);
        String reason = Texts.check("overrideReason", request.overrideReason());
        if (!request.clientId().equals(suggested) && reason == null) {
            throw new CohorteException("codevelopment.error.overrideReasonRequired", memberService.displayName(suggested));
        }
        String videoUrl = VideoLinks.check(request.videoUrl());
        Instant followUpAt = request.scheduledAt().plus(request.followUpWeeks() * 7L, ChronoUnit.DAYS);
        CodevSession created = new CodevSession(groupId, request.clientId(), group.getFacilitatorId(),
                request.scheduledAt(), request.mode(), timeboxes, followUpAt, suggested,
                request.clientId().equals(suggested) ? null : reason);
        created.setVideoUrl(videoUrl);
        CodevSession session = sessions.save(created);
        participants.save(new CodevParticipant(session.getId(), request.clientId(), ParticipantRole.CLIENT));
        consultants.forEach(c -> participants.save(new CodevParticipant(session.getId(), c, ParticipantRole.CONSULTANT)));
        bringForwardFollowUps(group, session);
        Map<String, Object> variables = new HashMap<>();
        variables.put("sessionId", session.getId().toString());
        variables.put("groupId", groupId.toString());
        variables.put("clientId", request.clientId());
        variables.put("facilitatorId", group.getFacilitatorId());
        variables.put("mode", request.mode().name());
        variables.put("scheduledAt", Date.from(request.scheduledAt()));
        variables.put("preparationDueAt", Date.from(request.scheduledAt()));
        variables.put("followUpAt", Date.from(followUpAt));
        variables.put("followUpDueAt", Date.from(followUpAt.plus(7, ChronoUnit.DAYS)));
        engineAuthentication.asSystem(() -> runtimeService.startProcessInstanceByKey(Steps.PROCESS_KEY,
                session.getId().toString(), variables));
        // Each one told their part, by bell and e-mail in their own language, with the board's address.
        String board = "codevelopment/session/" + session.getId();
        // The group and the session's date (ISO: a notification's arguments are stored once for all its readers).
        List<String> subject = List.of(group.getName(),
                request.scheduledAt().atZone(EngineClock.ZONE).toLocalDate().toString());
        notificationService.announce(List.of(request.clientId()), "codevelopment.notification.sessionClient",
                subject, board);
        notificationService.announce(consultants, "codevelopment.notification.sessionConsultant", subject, board);
        publishCalendar(group, session, false);
        return session.getId();
    }

    /** The previous sessions' follow-up is due at the latest at this new session (the "next session" rule). */
    private void bringForwardFollowUps(CodevGroup group, CodevSession next) {
        for (CodevSession earlier : sessions.followUpsAfter(group.getId(), next.getScheduledAt(),
                List.of(SessionStatus.CANCELLED, SessionStatus.CLOSED))) {
            if (earlier.getId().equals(next.getId())) {
                continue;
            }
            earlier.setFollowUpAt(next.getScheduledAt());
            engineAuthentication.asSystem(() -> {
                ProcessInstance instance = instance(earlier.getId());
                if (instance == null) {
                    return;
                }
                runtimeService.setVariable(instance.getId(), "followUpAt", Date.from(next.getScheduledAt()));
                Job timer = managementService.createJobQuery().processInstanceId(instance.getId())
                        .activityId(Steps.TIMER_FOLLOW_UP).singleResult();
                if (timer != null) {
                    managementService.setJobDuedate(timer.getId(), Date.from(next.getScheduledAt()));
                }
            });
        }
    }

    // ---------------------------------------------------------------- reading

    /** A group's sessions, newest first; case titles only for those who read the group's cases. */
    @Transactional(readOnly = true)
    public List<SessionSummary> history(UUID groupId) {
        groupService.requireReader(groupId);
        List<CodevSession> list = sessions.findByGroupIdOrderByScheduledAtDesc(groupId);
        List<UUID> ids = list.stream().map(CodevSession::getId).toList();
        Map<UUID, List<CodevParticipant>> people = new HashMap<>();
        participants.findByIdSessionIdIn(ids).forEach(p -> people.computeIfAbsent(p.getSessionId(), k -> new ArrayList<>()).add(p));
        Map<UUID, List<CodevEntry>> learned = new HashMap<>();
        entries.findBySessionIdIn(ids).stream().filter(e -> e.getKind() == EntryKind.LEARNING)
                .forEach(e -> learned.computeIfAbsent(e.getSessionId(), k -> new ArrayList<>()).add(e));
        Map<UUID, Long> actionCounts = new HashMap<>();
        if (!ids.isEmpty()) {
            actions.countBySessionIdIn(ids).forEach(row -> actionCounts.put((UUID) row[0], ((Number) row[1]).longValue()));
        }
        Map<String, String> names = memberService.displayNames(list.stream().map(CodevSession::getClientId).distinct().toList());
        return list.stream().map(s -> new SessionSummary(s.getId(), s.getScheduledAt(), s.getMode(), s.getStatus(),
                s.getClientId(), names.get(s.getClientId()), s.getCurrentStep(), s.getCaseTitle(),
                (int) people.getOrDefault(s.getId(), List.of()).stream()
                        .filter(p -> p.getRole() == ParticipantRole.CONSULTANT && p.isPresent()).count(),
                learned.getOrDefault(s.getId(), List.of()).stream().filter(e -> e.getRating() != null)
                        .mapToInt(CodevEntry::getRating).average().stream().boxed().findFirst().orElse(null),
                actionCounts.getOrDefault(s.getId(), 0L).intValue(), s.getFollowUpReport() != null)).toList();
    }

    /** The session board: the group's facilitator and its members who accepted the charter; nobody else. */
    @Transactional(readOnly = true)
    public SessionBoard board(UUID sessionId) {
        CodevSession s = requireReadable(sessionId);
        CodevGroup group = groupService.requireReader(s.getGroupId());
        String me = currentUser.userId();
        List<CodevParticipant> people = participants.findByIdSessionId(sessionId);
        List<CodevEntry> all = entries.findBySessionIdOrderByCreatedAtAscIdAsc(sessionId);
        List<String> ids = new ArrayList<>(people.stream().map(CodevParticipant::getUserId).toList());
        ids.add(s.getFacilitatorId());
        Map<String, String> names = memberService.displayNames(ids);
        SessionBoard.Role role = s.getFacilitatorId().equals(me) ? SessionBoard.Role.FACILITATOR
                : s.getClientId().equals(me) ? SessionBoard.Role.CLIENT
                : people.stream().anyMatch(p -> p.getUserId().equals(me)) ? SessionBoard.Role.CONSULTANT
                : SessionBoard.Role.MEMBER;
        return new SessionBoard(s.getId(), group.getId(), group.getName(), s.getMode(), s.getStatus(),
                s.getScheduledAt(), s.getCurrentStep(), s.getStepEndsAt(), s.getTimeboxes(), s.getClientId(),
                names.get(s.getClientId()), s.getFacilitatorId(), names.get(s.getFacilitatorId()), s.getCaseTitle(),
                s.getCaseContext(), s.getCaseTried(), s.getCaseStakes(), s.getContract(), s.getSynthesis(),
                s.isConsent(), s.getFollowUpReport(), s.getCancelReason(),
                people.stream().map(p -> new SessionBoard.Participant(p.getUserId(), names.get(p.getUserId()),
                        p.getRole(), p.isPresent())).toList(),
                entriesOf(all, EntryKind.QUESTION, names), entriesOf(all, EntryKind.CONTRIBUTION, names),
                entriesOf(all, EntryKind.LEARNING, names),
                actions.findBySessionIdOrderByPosition(sessionId).stream()
                        .map(a -> new SessionBoard.Action(a.getId(), a.getBody(), a.getDueDate(), a.getOutcome())).toList(),
                role, s.getVersion(), s.getVideoUrl(),
                stepNotes.findBySessionId(sessionId).stream()
                        .map(n -> new SessionBoard.StepNote(n.getStep(), n.getBody(),
                                names.getOrDefault(n.getUpdatedBy(), n.getUpdatedBy()),
                                n.getUpdatedAt(), n.getRevision())).toList());
    }

    private static List<SessionBoard.Entry> entriesOf(List<CodevEntry> all, EntryKind kind, Map<String, String> names) {
        return all.stream().filter(e -> e.getKind() == kind)
                .map(e -> new SessionBoard.Entry(e.getId(), e.getKind(), e.getAuthorId(),
                        names.getOrDefault(e.getAuthorId(), e.getAuthorId()), e.getBody(), e.getAnswer(), e.getRating(),
                        e.getCreatedAt(), e.getVersion()))
                .toList();
    }

    /** The signed-in user's open task in this session, if any (what the board offers them to do now). */
    @Transactional(readOnly = true)
    public Optional<String> myOpenTask(UUID sessionId) {
        requireReadable(sessionId);
        String me = currentUser.userId();
        return engineAuthentication.asSystem(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(sessionId.toString()).processDefinitionKey(Steps.PROCESS_KEY)
                .taskAssignee(me).orderByTaskCreateTime().asc().list()).stream().findFirst().map(Task::getId);
    }

    // ---------------------------------------------------------------- client and consultants

    public void prepareCase(String taskId, String title, String context, String tried, String stakes) {
        retry.run(() -> {
            CodevSession s = sessionOfTask(taskId, Steps.TASK_PREPARE_CASE);
            s.setCase(Texts.check("caseTitle", title), Texts.check("caseContext", context), Texts.check("caseDetail", tried),
                    Texts.check("caseDetail", stakes));
            complete(taskId, s.getId(), Map.of());
        });
    }

    /** The facilitator notes who is present and opens the session: at least three consultants must be there. */
    public void openSession(String taskId, Collection<String> presentConsultants) {
        retry.run(() -> {
            CodevSession s = sessionOfTask(taskId, Steps.TASK_OPEN_SESSION);
            Set<String> present = Set.copyOf(presentConsultants == null ? List.of() : presentConsultants);
            List<CodevParticipant> people = participants.findByIdSessionId(s.getId());
            long count = 0;
            for (CodevParticipant p : people) {
                if (p.getRole() == ParticipantRole.CONSULTANT) {
                    boolean stillMember = groupMembers.findById(new CodevGroupMember.Key(s.getGroupId(), p.getUserId()))
                            .filter(CodevGroupMember::isActive).isPresent();
                    p.setPresent(stillMember && present.contains(p.getUserId()));
                    count += p.isPresent() ? 1 : 0;
                }
            }
            if (count < MIN_CONSULTANTS) {
                throw new CohorteException("codevelopment.error.tooFewConsultants", MIN_CONSULTANTS, count);
            }
            boolean clientOk = groupMembers.findById(new CodevGroupMember.Key(s.getGroupId(), s.getClientId()))
                    .filter(m -> m.isActive() && m.hasAcceptedCharter()).isPresent();
            if (!clientOk) {
                throw new CohorteException("codevelopment.error.clientCharter", memberService.displayName(s.getClientId()));
            }
            participants.flush();
            complete(taskId, s.getId(), Map.of());
        });
    }

    public void finishPresentation(String taskId) {
        retry.run(() -> {
            SessionAccess.Row s = accessOfTask(taskId, Steps.TASK_PRESENT_CASE);
            complete(taskId, s.sessionId(), Map.of());
        });
    }

    /** A consultant asks a factual question during clarification; it appears on everyone's board. */
    @Transactional
    public UUID addQuestion(UUID sessionId, String text) {
        SessionAccess.Row s = requireStep(sessionId, 2);
        requireConsultant(s);
        rateLimits.acquire(currentUser.userId(), RateLimits.BOARD_ENTRY);
        CodevEntry entry = entries.save(new CodevEntry(s.sessionId(), EntryKind.QUESTION, currentUser.userId(),
                Texts.check("boardText", text), null));
        changes.changed(s.sessionId());
        return entry.getId();
    }

    /** The client answers a question. {@code expectedVersion}: the question as they saw it; if it was answered meanwhile, they are told. */
    @Transactional
    public void answerQuestion(UUID questionId, String answer, long expectedVersion) {
        CodevEntry entry = entries.findById(questionId).filter(e -> e.getKind() == EntryKind.QUESTION)
                .orElseThrow(CodevGroupService::notFound);
        SessionAccess.Row s = requireStep(entry.getSessionId(), 2);
        if (!s.clientId().equals(currentUser.userId())) {
            throw new ForbiddenException("codevelopment.error.clientOnly");
        }
        if (entry.getVersion() != expectedVersion) {
            throw new ConflictException("codevelopment.error.changedMeanwhile");
        }
        entry.setAnswer(Texts.check("boardText", answer));
        try {
            entries.saveAndFlush(entry);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConflictException("codevelopment.error.changedMeanwhile");
        }
        changes.changed(s.sessionId());
    }

    /** A consultant has no more questions, or the client has answered them all. */
    public void finishClarification(String taskId) {
        retry.run(() -> {
            TaskDetails task = inboxService.requireWorkableWithoutVariables(taskId, null);
            if (!Steps.TASK_ASK_QUESTIONS.equals(task.taskDefinitionKey())
                    && !Steps.TASK_ANSWER_QUESTIONS.equals(task.taskDefinitionKey())) {
                throw CodevGroupService.notFound();
            }
            SessionAccess.Row s = accessOf(task);
            complete(taskId, s.sessionId(), Map.of());
        });
    }

    public void writeContract(String taskId, String contract) {
        retry.run(() -> {
            CodevSession s = sessionOfTask(taskId, Steps.TASK_WRITE_CONTRACT);
            s.setContract(Texts.check("contract", contract));
            complete(taskId, s.getId(), Map.of());
        });
    }

    public void validateContract(String taskId, boolean approved) {
        retry.run(() -> {
            SessionAccess.Row s = accessOfTask(taskId, Steps.TASK_VALIDATE_CONTRACT);
            complete(taskId, s.sessionId(), Map.of("contractApproved", approved));
            if (!approved) {
                // The client may be in several groups: the notification names which session.
                CodevSession session = sessions.findById(s.sessionId()).orElseThrow();
                notificationService.notify(List.of(s.clientId()), "codevelopment.notification.contractRework",
                        List.of(groupService.requireReader(s.groupId()).getName(),
                                session.getScheduledAt().atZone(EngineClock.ZONE).toLocalDate().toString()),
                        "codevelopment/session/" + s.sessionId());
            }
        });
    }

    /** A consultant's reaction, idea or experience during consultation; it appears on everyone's board. */
    @Transactional
    public UUID addContribution(UUID sessionId, String text) {
        SessionAccess.Row s = requireStep(sessionId, 4);
        requireConsultant(s);
        rateLimits.acquire(currentUser.userId(), RateLimits.BOARD_ENTRY);
        CodevEntry entry = entries.save(new CodevEntry(s.sessionId(), EntryKind.CONTRIBUTION, currentUser.userId(),
                Texts.check("boardText", text), null));
        changes.changed(s.sessionId());
        return entry.getId();
    }

    public void finishConsultation(String taskId) {
        retry.run(() -> {
            SessionAccess.Row s = accessOfTask(taskId, Steps.TASK_CONSULT);
            complete(taskId, s.sessionId(), Map.of());
        });
    }

    /** The client's synthesis and action plan; {@code consent} allows a depersonalised learning note. */
    public void synthesize(String taskId, String synthesis, List<ActionInput> plan, boolean consent) {
        retry.run(() -> {
            CodevSession s = sessionOfTask(taskId, Steps.TASK_SYNTHESIZE);
            String clean = Texts.check("report", synthesis);
            List<ActionInput> items = plan == null ? List.of() : plan.stream()
                    .filter(a -> a != null && a.body() != null && !a.body().isBlank()).toList();
            if (items.isEmpty()) {
                throw new CohorteException("codevelopment.error.actionRequired");
            }
            if (items.size() > MAX_ACTIONS) {
                throw new CohorteException("codevelopment.error.tooManyActions", MAX_ACTIONS);
            }
            int position = 0;
            actions.deleteAll(actions.findBySessionIdOrderByPosition(s.getId()));
            for (ActionInput item : items) {
                if (item.dueDate() == null || item.dueDate().isBefore(EngineClock.today())) {
                    throw new CohorteException("codevelopment.error.actionDueDate");
                }
                actions.save(new CodevAction(s.getId(), ++position, Texts.check("action", item.body()), item.dueDate()));
            }
            s.setSynthesis(clean, consent);
            complete(taskId, s.getId(), Map.of("consent", consent));
        });
    }

    /** Everyone: what I learned and my rating of the session (1 to 5). */
    public void integrateLearning(String taskId, String learning, int rating) {
        retry.run(() -> {
            SessionAccess.Row s = accessOfTask(taskId, Steps.TASK_INTEGRATE_LEARNING);
            if (rating < 1 || rating > 5) {
                throw new CohorteException("codevelopment.error.ratingInvalid");
            }
            entries.save(new CodevEntry(s.sessionId(), EntryKind.LEARNING, currentUser.userId(),
                    Texts.check("boardText", learning), rating));
            complete(taskId, s.sessionId(), Map.of());
        });
    }

    /** The client reports on their action plan; the session is then closed. */
    public void followUp(String taskId, String report, Map<UUID, String> outcomes) {
        retry.run(() -> {
            CodevSession s = sessionOfTask(taskId, Steps.TASK_FOLLOW_UP);
            s.setFollowUpReport(Texts.check("report", report));
            for (CodevAction action : actions.findBySessionIdOrderByPosition(s.getId())) {
                String outcome = outcomes == null ? null : outcomes.get(action.getId());
                action.setOutcome(Texts.check("actionOutcome", outcome));
            }
            s.close();
            complete(taskId, s.getId(), Map.of());
        });
    }

    /**
     * The facilitator or the client publishes a depersonalised learning note to the community's knowledge base;
     * only possible with the client's consent.
     */
    public UUID publishLearningNote(String taskId, String title, String body, List<String> tags) {
        return retry.run(() -> {
            CodevSession s = sessionOfTask(taskId, Steps.TASK_PUBLISH_LEARNING_NOTE);
            CodevGroup group = groupService.requireReader(s.getGroupId());
            if (!s.isConsent()) {
                throw new ForbiddenException("codevelopment.error.noConsent");
            }
            UUID article = knowledgeBaseService.publish(group.getCommunityId(), title, body, tags, SOURCE_TYPE,
                    s.getId().toString());
            s.setLearningNoteId(article);
            complete(taskId, s.getId(), Map.of());
            return article;
        });
    }

    // ---------------------------------------------------------------- facilitator controls

    /**
     * The facilitator sets, changes or (empty) removes the session's video call link, until the session is closed.
     * Written without the session's version: a link must not collide with a step moving on at the same moment.
     */
    @Transactional
    public void changeVideoLink(UUID sessionId, String url) {
        CodevSession s = requireFacilitatorOf(sessionId);
        if (s.getStatus() == SessionStatus.CANCELLED || s.getStatus() == SessionStatus.CLOSED) {
            throw new ConflictException("codevelopment.error.notOpen");
        }
        sessions.changeVideoUrl(s.getId(), VideoLinks.check(url));
        changes.changed(s.getId());
    }

    /**
     * The facilitator writes the notes of a step (the board's whiteboard; every reader of the board sees them live):
     * a step under way or done, while the session runs or awaits its follow-up. {@code expectedRevision}: the
     * revision the text was written from (0: there were none); if someone saved meanwhile, the save is refused
     * (and the writer keeps their text) instead of overwriting theirs. Returns the new revision.
     */
    @Transactional
    public long saveStepNotes(UUID sessionId, int step, String text, long expectedRevision) {
        SessionAccess.Row s = requireAccess(sessionId);
        String me = currentUser.userId();
        if (!s.facilitatorId().equals(me)) {
            throw new ForbiddenException("codevelopment.error.facilitatorOnly");
        }
        boolean open = s.status() == SessionStatus.RUNNING && step <= s.currentStep()
                || s.status() == SessionStatus.FOLLOW_UP;
        if (step < 1 || step > CodevSession.STEPS || !open) {
            throw new ConflictException("codevelopment.error.notesClosed");
        }
        String clean = Texts.check("stepNotes", text);
        CodevStepNote note = stepNotes.findById(new CodevStepNote.Key(sessionId, step))
                .orElseGet(() -> new CodevStepNote(sessionId, step));
        long current = note.isNew() ? 0 : note.getRevision();
        if (current != expectedRevision) {
            throw new ConflictException("codevelopment.error.notesChangedMeanwhile");
        }
        note.write(clean, me);
        try {
            note = stepNotes.saveAndFlush(note);
        } catch (ObjectOptimisticLockingFailureException | DataIntegrityViolationException e) {
            // Another save of the same revision got there first (an update, or the step's first note).
            throw new ConflictException("codevelopment.error.notesChangedMeanwhile");
        }
        changes.changed(sessionId);
        return note.getRevision();
    }

    /** Ends the current step now. {@code expectedStep}: the step the facilitator saw; if it moved on meanwhile, they are told. */
    public void advance(UUID sessionId, int expectedStep) {
        retry.run(() -> {
            CodevSession s = requireFacilitatorOf(sessionId);
            if (s.getStatus() != SessionStatus.RUNNING || s.getCurrentStep() != expectedStep) {
                throw new ConflictException("codevelopment.error.stepMovedOn");
            }
            correlate(s, Steps.MESSAGE_ADVANCE);
        });
    }

    /** Gives the current step more time; the reminder moves with it. */
    public void extend(UUID sessionId, int expectedStep, int minutes) {
        retry.run(() -> {
            CodevSession s = requireFacilitatorOf(sessionId);
            if (s.getStatus() != SessionStatus.RUNNING || s.getCurrentStep() != expectedStep) {
                throw new ConflictException("codevelopment.error.stepMovedOn");
            }
            if (minutes < 1 || minutes > MAX_TIMEBOX_MINUTES) {
                throw new CohorteException("codevelopment.error.timeboxInvalid", MAX_TIMEBOX_MINUTES);
            }
            s.extendStep(Duration.ofMinutes(minutes));
            sessions.flush();
            correlate(s, Steps.MESSAGE_EXTEND);
        });
    }

    /** Cancels a session that has not finished its six steps, with a reason the participants are told. */
    public void cancel(UUID sessionId, String reason) {
        retry.run(() -> {
            CodevSession s = requireFacilitatorOf(sessionId);
            if (!s.isOpen()) {
                throw new ConflictException("codevelopment.error.notOpen");
            }
            s.cancel(Texts.check("cancelReason", reason));
            sessions.flush();
            correlate(s, Steps.MESSAGE_CANCEL);
            publishCalendar(groupService.requireReader(s.getGroupId()), s, true);
        });
    }

    // ---------------------------------------------------------------- helpers

    private void correlate(CodevSession s, String message) {
        try {
            engineAuthentication.asSystem(() -> runtimeService.createMessageCorrelation(message)
                    .processInstanceBusinessKey(s.getId().toString()).correlateWithResult());
        } catch (org.camunda.bpm.engine.MismatchingMessageCorrelationException e) {
            throw new ConflictException("codevelopment.error.stepMovedOn");
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
            throw new ConcurrentChangeException("codevelopment.error.changedMeanwhile", e);
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
            // Another click took the step between the engine's lookup and its delivery (it answers "no subscription"
            // then, not a mismatch): the same outcome as a mismatch, told the same way.
            boolean stillWaiting = engineAuthentication.asSystem(() -> runtimeService.createExecutionQuery()
                    .processInstanceBusinessKey(s.getId().toString()).messageEventSubscriptionName(message).count() > 0);
            if (stillWaiting) {
                throw e;
            }
            throw new ConflictException("codevelopment.error.stepMovedOn");
        }
        flush();
        changed(s);
    }

    private void complete(String taskId, UUID sessionId, Map<String, Object> variables) {
        inboxService.complete(taskId, variables);
        // The step's writes and the next step's entry, at once: a concurrent change of the session is found here
        // (and rolls back the completion with it), not at commit.
        flush();
        changes.changed(sessionId);
    }

    private void flush() {
        try {
            sessions.flush();
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ConcurrentChangeException("codevelopment.error.changedMeanwhile", e);
        }
    }

    private void changed(CodevSession s) {
        changes.changed(s.getId());
    }

    /** The task's session, after checking that the signed-in user holds the task and reads the group. */
    private CodevSession sessionOfTask(String taskId, String taskKey) {
        return sessionOf(inboxService.requireWorkableWithoutVariables(taskId, taskKey));
    }

    private CodevSession sessionOf(TaskDetails task) {
        if (!Steps.PROCESS_KEY.equals(task.processDefinitionKey()) || task.businessKey() == null) {
            throw CodevGroupService.notFound();
        }
        CodevSession s = requireReadable(UUID.fromString(task.businessKey()));
        if (s.getStatus() == SessionStatus.CANCELLED) {
            throw new ConflictException("codevelopment.error.notOpen");
        }
        String me = currentUser.userId();
        CodevParticipant part = Steps.CONSULTANT_TASKS.contains(task.taskDefinitionKey())
                || Steps.TASK_INTEGRATE_LEARNING.equals(task.taskDefinitionKey())
                ? participants.findById(new CodevParticipant.Key(s.getId(), me)).orElse(null) : null;
        requirePart(task.taskDefinitionKey(), me, s.getClientId(), s.getFacilitatorId(),
                part == null ? null : part.getRole(), part != null && part.isPresent());
        return s;
    }

    /**
     * Who holds each task of a session is read from Cohorte's records (the session's client and facilitator, its
     * participants), never from the task's assignee or a process variable, which another door might have changed.
     */
    static void requirePart(String taskKey, String me, String clientId, String facilitatorId, ParticipantRole role,
                            boolean present) {
        boolean client = me.equals(clientId);
        boolean facilitator = me.equals(facilitatorId);
        boolean consultant = role == ParticipantRole.CONSULTANT && present;
        boolean allowed = Steps.CLIENT_TASKS.contains(taskKey) ? client
                : Steps.FACILITATOR_TASKS.contains(taskKey) ? facilitator
                : Steps.CONSULTANT_TASKS.contains(taskKey) ? consultant
                : Steps.TASK_INTEGRATE_LEARNING.equals(taskKey) ? client || consultant || facilitator
                : Steps.TASK_PUBLISH_LEARNING_NOTE.equals(taskKey) && (client || facilitator);
        if (!allowed) {
            throw new ForbiddenException("codevelopment.error.notYourPart");
        }
    }

    private CodevSession requireReadable(UUID sessionId) {
        // The group's rule (CodevGroupService.requireReader) on what one query read with the session.
        String me = currentUser.userId();
        Object[] row = sessions.findWithGroupAndMembership(sessionId, me).stream().findFirst()
                .orElseThrow(CodevGroupService::notFound);
        if (!CodevGroupService.mayRead((String) row[1], (CodevGroupMember) row[2], me)) {
            throw CodevGroupService.notFound();
        }
        return (CodevSession) row[0];
    }

    /** The session's access row for the signed-in user, if they may read it (the rule of requireReadable). */
    private SessionAccess.Row requireAccess(UUID sessionId) {
        SessionAccess.Row s = access.find(sessionId, currentUser.userId()).stream().findFirst()
                .orElseThrow(CodevGroupService::notFound);
        if (!s.readable()) {
            throw CodevGroupService.notFound();
        }
        return s;
    }

    /** As sessionOfTask, for a click that does not change the session. */
    private SessionAccess.Row accessOfTask(String taskId, String taskKey) {
        return accessOf(inboxService.requireWorkableWithoutVariables(taskId, taskKey));
    }

    private SessionAccess.Row accessOf(TaskDetails task) {
        if (!Steps.PROCESS_KEY.equals(task.processDefinitionKey()) || task.businessKey() == null) {
            throw CodevGroupService.notFound();
        }
        SessionAccess.Row s = requireAccess(UUID.fromString(task.businessKey()));
        if (s.status() == SessionStatus.CANCELLED) {
            throw new ConflictException("codevelopment.error.notOpen");
        }
        requirePart(task.taskDefinitionKey(), currentUser.userId(), s.clientId(), s.facilitatorId(), s.role(), s.present());
        return s;
    }

    private SessionAccess.Row requireStep(UUID sessionId, int step) {
        SessionAccess.Row s = requireAccess(sessionId);
        if (s.status() != SessionStatus.RUNNING || s.currentStep() != step) {
            throw new ConflictException("codevelopment.error.stepMovedOn");
        }
        return s;
    }

    private static void requireConsultant(SessionAccess.Row s) {
        if (!s.isConsultantPresent()) {
            throw new ForbiddenException("codevelopment.error.consultantsOnly");
        }
    }

    private CodevSession requireFacilitatorOf(UUID sessionId) {
        CodevSession s = requireReadable(sessionId);
        if (!s.getFacilitatorId().equals(currentUser.userId())) {
            throw new ForbiddenException("codevelopment.error.facilitatorOnly");
        }
        return s;
    }

    private ProcessInstance instance(UUID sessionId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(Steps.PROCESS_KEY)
                .processInstanceBusinessKey(sessionId.toString()).singleResult();
    }

    private void publishCalendar(CodevGroup group, CodevSession s, boolean cancelled) {
        int minutes = s.getTimeboxes().stream().mapToInt(Integer::intValue).sum();
        events.publishEvent(new CommunityActivityScheduledEvent(group.getCommunityId(), group.getName(),
                s.getScheduledAt(), s.getScheduledAt().plus(minutes, ChronoUnit.MINUTES), "CODEVELOPMENT_SESSION",
                SOURCE_TYPE, s.getId(), cancelled));
    }
}
