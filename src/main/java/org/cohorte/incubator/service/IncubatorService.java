package org.cohorte.incubator.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.limits.RateLimits;
import org.cohorte.base.text.FreeText;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.domain.CheckIn;
import org.cohorte.incubator.domain.CheckInRepository;
import org.cohorte.incubator.domain.Decision;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.DecisionRepository;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ExperimentRepository;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.domain.Iteration;
import org.cohorte.incubator.domain.IterationRepository;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.cohorte.base.persistence.ConflictRetry;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;

/**
 * Incubator experiments through {@code incubator_experiment}: the proposal, the committee's reviews, the
 * test card, weekly check-ins, the learning card and the committee's decision. Only the team, the sponsor
 * and the committee see an experiment until its learning is published; a committee member who is on the
 * team never decides on it.
 */
@Service
public class IncubatorService {

    public static final String PROCESS_KEY = "incubator_experiment";
    public static final String TASK_REVIEW = "user_task_committee_review";
    public static final String TASK_SECOND_LEVEL = "user_task_second_level_review";
    public static final String TASK_REVISE = "user_task_revise_proposal";
    public static final String TASK_TEST_CARD = "user_task_test_card";
    public static final String TASK_CHECK_IN = "user_task_weekly_check_in";
    public static final String TASK_LEARNING_CARD = "user_task_learning_card";
    public static final String TASK_DECISION = "user_task_committee_decision";
    /** The model's messages for a check-in recorded at any time and for a run closed early. */
    public static final String MESSAGE_CHECK_IN = "incubator_check_in";
    public static final String MESSAGE_CLOSE_RUN_EARLY = "incubator_close_run_early";
    public static final String SOURCE_TYPE = "EXPERIMENT";

    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 4000;
    public static final int MAX_SHORT = 200;
    public static final int MAX_UNIT = 50;
    public static final int MAX_WEEKS = 52;

    private final ExperimentRepository experiments;
    private final IterationRepository iterations;
    private final CheckInRepository checkIns;
    private final DecisionRepository decisions;
    private final CurrentUser currentUser;
    private final EngineAuthentication engineAuthentication;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final InboxService inboxService;
    private final BlockerService blockerService;
    private final KnowledgeBaseService knowledgeBaseService;
    private final MemberService memberService;
    private final OrganizationService organizationService;
    private final ApplicationEventPublisher events;
    private final org.cohorte.tasks.service.TaskSubjectIndex subjectIndex;
    private final NotificationService notificationService;

    private final RateLimits rateLimits;
    private final CohorteI18NProvider i18n;
    private final ConflictRetry retry;
    private final org.camunda.bpm.engine.TaskService taskService;

    public IncubatorService(ExperimentRepository experiments, IterationRepository iterations, CheckInRepository checkIns,
                            DecisionRepository decisions, CurrentUser currentUser,
                            EngineAuthentication engineAuthentication, RuntimeService runtimeService,
                            IdentityService identityService, InboxService inboxService, BlockerService blockerService,
                            KnowledgeBaseService knowledgeBaseService, MemberService memberService,
                            OrganizationService organizationService, ApplicationEventPublisher events,
                            NotificationService notificationService, RateLimits rateLimits, CohorteI18NProvider i18n,
                            ConflictRetry retry, org.camunda.bpm.engine.TaskService taskService,
                            org.cohorte.tasks.service.TaskSubjectIndex subjectIndex) {
        this.subjectIndex = subjectIndex;
        this.retry = retry;
        this.taskService = taskService;
        this.rateLimits = rateLimits;
        this.i18n = i18n;
        this.experiments = experiments;
        this.iterations = iterations;
        this.checkIns = checkIns;
        this.decisions = decisions;
        this.currentUser = currentUser;
        this.engineAuthentication = engineAuthentication;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.inboxService = inboxService;
        this.blockerService = blockerService;
        this.knowledgeBaseService = knowledgeBaseService;
        this.memberService = memberService;
        this.organizationService = organizationService;
        this.events = events;
        this.notificationService = notificationService;
    }

    // ---------------------------------------------------------------- proposal and review

    /** A member proposes an experiment; the committee's review starts at once. Returns its id. */
    @Transactional
    public UUID propose(ProposalData data) {
        // The same people the propose view admits: a forum or advisory account must not bypass it here.
        String me = currentUser.requireAnyGroup(Roles.PARTICIPANT, Roles.COMMITTEE).userId();
        rateLimits.acquire(me, RateLimits.PROPOSAL);
        ProposalData clean = validate(data, me);
        Experiment experiment = new Experiment(me);
        experiment.describe(clean);
        experiments.save(experiment);
        Map<String, Object> variables = new HashMap<>(proposalVariables(experiment));
        variables.put("experimentId", experiment.getId().toString());
        variables.put("title", experiment.getTitle());
        variables.put("proposerId", me);
        engineAuthentication.asSystem(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY,
                experiment.getId().toString(), variables));
        return experiment.getId();
    }

    /** The proposer resubmits after the committee asked for changes. */
    @Transactional
    public void revise(String taskId, ProposalData data) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_REVISE);
        Experiment experiment = forTask(task);
        String me = currentUser.userId();
        if (!me.equals(experiment.getProposerId())) {
            throw new ForbiddenException();
        }
        experiment.describe(validate(data, me));
        experiment.setFirstApprover(null);
        experiment.touch();
        Map<String, Object> variables = new HashMap<>(proposalVariables(experiment));
        variables.put("title", experiment.getTitle());
        inboxService.complete(taskId, variables);
        // Any other open task of the experiment is sorted and found by its new title.
        subjectIndex.refresh(PROCESS_KEY, experiment.getId().toString());
    }

    /**
     * The committee's review, first or second level: approve, request changes (comment required) or reject
     * (reason required). A second-level reviewer must be someone other than the first-level approver.
     */
    @Transactional
    public void review(String taskId, DecisionKind outcome, String comment) {
        TaskDetails task = inboxService.requireWorkable(taskId, null);
        boolean secondLevel = TASK_SECOND_LEVEL.equals(task.taskDefinitionKey());
        if (!secondLevel && !TASK_REVIEW.equals(task.taskDefinitionKey())) {
            throw new NotFoundException("tasks.error.notFound");
        }
        Experiment experiment = forTask(task);
        String me = requireDecider(experiment);
        String text = clean(comment);
        if (outcome == null || outcome.isRunOutcome() || outcome.name().startsWith("SECOND_LEVEL")) {
            throw new CohorteException("incubator.error.outcomeRequired");
        }
        if (outcome != DecisionKind.APPROVE && text.isEmpty()) {
            throw new CohorteException(outcome == DecisionKind.REJECT
                    ? "incubator.error.reasonRequired" : "incubator.error.commentRequired");
        }
        FreeText.check(IncubatorTexts.class, "text", text);
        if (secondLevel && me.equals(experiment.getFirstApprover())) {
            throw new ForbiddenException("incubator.error.secondLevelSamePerson");
        }
        DecisionKind recorded = secondLevel ? DecisionKind.valueOf("SECOND_LEVEL_" + outcome.name()) : outcome;
        decisions.save(new Decision(experiment.getId(), null, recorded, null, text.isEmpty() ? null : text, me));
        experiment.setReviewComment(text.isEmpty() ? null : text);
        if (outcome == DecisionKind.APPROVE && !secondLevel) {
            experiment.setFirstApprover(me);
        }
        // The next stage (second level, test card, changes, rejected) is where the model goes: ExperimentStageListener.
        notifyTeam(experiment, "incubator.notify.review." + recorded.name());
        inboxService.complete(taskId, Map.of("reviewOutcome", outcome.name(), "reviewComment", text));
    }

    /** Tells the team and the sponsor what the committee decided, with a link to the experiment. */
    private void notifyTeam(Experiment experiment, String key) {
        Set<String> recipients = new LinkedHashSet<>(experiment.getTeam());
        recipients.add(experiment.getSponsorId());
        notificationService.notify(recipients, key, List.of(experiment.getTitle()),
                "incubator/experiment/" + experiment.getId());
    }

    // ---------------------------------------------------------------- run

    /** The team's test card; it opens a new iteration and starts the run for the experiment's duration. */
    @Transactional
    public void submitTestCard(String taskId, String weBelieve, String weWill, String weMeasure, String weAreRightIf) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_TEST_CARD);
        Experiment experiment = forTask(task);
        requireTeam(experiment);
        String believe = clean(weBelieve);
        String will = clean(weWill);
        String measure = clean(weMeasure);
        String rightIf = clean(weAreRightIf);
        if (believe.isEmpty() || will.isEmpty() || measure.isEmpty() || rightIf.isEmpty()) {
            throw new CohorteException("incubator.error.testCardIncomplete");
        }
        for (String text : List.of(believe, will, measure, rightIf)) {
            FreeText.check(IncubatorTexts.class, "text", text);
        }
        int number = iterations.findFirstByExperimentIdOrderByNumberDesc(experiment.getId())
                .map(Iteration::getNumber).orElse(0) + 1;
        iterations.save(new Iteration(experiment.getId(), number, believe, will, measure, rightIf));
        inboxService.complete(taskId, startRun(experiment, experiment.getDurationWeeks(), number));
    }

    private Map<String, Object> startRun(Experiment experiment, int weeks, int iteration) {
        Instant start = EngineClock.now();
        Instant end = start.plus(Duration.ofDays(7L * weeks + ExperimentRules.GRACE_DAYS));
        experiment.startRun(start, end);
        return Map.of("runEndsAt", Date.from(end), "checkInCycle", ExperimentRules.checkInCycle(weeks),
                "iteration", iteration);
    }

    /**
     * A weekly check-in: observations, the metric so far and, if the team names one, a blocker declared in
     * the shared blocker model (the committee and the steering room see it).
     */
    @Transactional
    public void checkIn(String taskId, String observations, Double metricValue, String blockerTitle,
                        String blockerDescription) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_CHECK_IN);
        Experiment experiment = forTask(task);
        String me = requireTeam(experiment);
        writeCheckIn(experiment, me, observations, metricValue, blockerTitle, blockerDescription);
        inboxService.complete(taskId, Map.of());
    }

    /**
     * A check-in recorded from the experiment's page whenever the team has news during the run (the weekly task
     * only reminds; an open reminder is answered by it). Only the team, only while the run lasts (the model's
     * message is caught only then). Two clicks at once are both recorded, each in its own retried transaction.
     */
    public void recordCheckIn(UUID experimentId, String observations, Double metricValue, String blockerTitle,
                              String blockerDescription) {
        retry.run(() -> {
            Experiment experiment = requireVisible(experimentId);
            String me = requireTeam(experiment);
            requireRunning(experiment);
            writeCheckIn(experiment, me, observations, metricValue, blockerTitle, blockerDescription);
            correlate(experiment, MESSAGE_CHECK_IN);
            for (String reminder : openCheckInReminders(experiment)) {
                inboxService.complete(reminder, Map.of());
            }
        });
    }

    /**
     * The committee or the team closes the run before the end of its period, with a reason: the model's run ends
     * and the learning card opens, as at the end of the period. A committee member on the team may, as a team
     * member. When two people close it at once, one wins; the other is told it is no longer running.
     */
    public void closeRunEarly(UUID experimentId, String reason) {
        retry.run(() -> {
            Experiment experiment = requireVisible(experimentId);
            String me = currentUser.userId();
            if (!experiment.isOnTeam(me) && !currentUser.require().isIn(Roles.COMMITTEE)) {
                throw new ForbiddenException("incubator.error.closeEarlyNotAllowed");
            }
            requireRunning(experiment);
            String text = clean(reason);
            if (text.isEmpty()) {
                throw new CohorteException("incubator.error.closeReasonRequired");
            }
            FreeText.check(IncubatorTexts.class, "text", text);
            Iteration iteration = iterations.findFirstByExperimentIdOrderByNumberDesc(experiment.getId())
                    .orElseThrow(() -> new NotFoundException("incubator.error.notFound"));
            iteration.closeEarly(me, text);
            // Written before the process moves on, so that the version check makes a second closing click lose.
            experiment.touch();
            experiments.saveAndFlush(experiment);
            correlate(experiment, MESSAGE_CLOSE_RUN_EARLY);
            notifyTeam(experiment, "incubator.notify.closedEarly");
        });
    }

    /** Who may close this experiment's run early now: the team or the committee, while it runs. */
    @Transactional(readOnly = true)
    public boolean mayCloseRunEarly(UUID experimentId) {
        Experiment experiment = requireVisible(experimentId);
        String me = currentUser.userId();
        return experiment.getStage() == ExperimentStage.RUNNING
                && (experiment.isOnTeam(me) || currentUser.require().isIn(Roles.COMMITTEE));
    }

    /** Whether the current user may record a check-in now: on the team, while the run lasts. */
    @Transactional(readOnly = true)
    public boolean mayCheckIn(UUID experimentId) {
        Experiment experiment = requireVisible(experimentId);
        return experiment.getStage() == ExperimentStage.RUNNING && experiment.isOnTeam(currentUser.userId());
    }

    private static void requireRunning(Experiment experiment) {
        if (experiment.getStage() != ExperimentStage.RUNNING) {
            throw new CohorteException("incubator.error.notRunning");
        }
    }

    /** Sends one of the model's messages to this experiment's process; caught only while the run lasts. */
    private void correlate(Experiment experiment, String message) {
        try {
            engineAuthentication.asSystem(() -> runtimeService.createMessageCorrelation(message)
                    .processInstanceBusinessKey(experiment.getId().toString()).correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            throw new CohorteException("incubator.error.notRunning");
        }
    }

    private List<String> openCheckInReminders(Experiment experiment) {
        return engineAuthentication.asSystem(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(experiment.getId().toString()).processDefinitionKey(PROCESS_KEY)
                .taskDefinitionKey(TASK_CHECK_IN).list().stream().map(org.camunda.bpm.engine.task.Task::getId).toList());
    }

    private void writeCheckIn(Experiment experiment, String me, String observations, Double metricValue,
                              String blockerTitle, String blockerDescription) {
        String text = clean(observations);
        if (text.isEmpty()) {
            throw new CohorteException("incubator.error.observationsRequired");
        }
        FreeText.check(IncubatorTexts.class, "text", text);
        if (metricValue != null && !Double.isFinite(metricValue)) {
            throw new CohorteException("incubator.error.numberInvalid");
        }
        String title = clean(blockerTitle);
        String description = clean(blockerDescription);
        if (title.isEmpty() != description.isEmpty()) {
            throw new CohorteException("blocker.error.required");
        }
        if (title.length() > BlockerService.MAX_TITLE || description.length() > BlockerService.MAX_DESCRIPTION) {
            throw new CohorteException("blocker.error.tooLong", BlockerService.MAX_TITLE, BlockerService.MAX_DESCRIPTION);
        }
        UUID blockerId = title.isEmpty() ? null : blockerService.declare(BlockerSource.EXPERIMENT,
                experiment.getId().toString(), experiment.getOrganizationId(), title, description);
        int iteration = currentIteration(experiment);
        int week = (int) checkIns.countByExperimentIdAndIterationNumber(experiment.getId(), iteration) + 1;
        checkIns.save(new CheckIn(experiment.getId(), iteration, week, text, metricValue, blockerId, me));
        experiment.touch();
    }

    /**
     * For the process: it reached a step that the model marks as a stage of the experiment. Only the engine calls
     * this (from the model's listener), inside the transaction of the click or timer that moved the process.
     */
    @Transactional
    public void stageReached(UUID experimentId, ExperimentStage stage) {
        Experiment experiment = experiments.findById(experimentId)
                .orElseThrow(() -> new NotFoundException("incubator.error.notFound"));
        if (experiment.getStage() != stage) {
            experiment.moveTo(stage);
        }
        String key = switch (stage) {
            case IN_REVIEW -> "incubator.notify.committee.review";
            case SECOND_REVIEW -> "incubator.notify.committee.secondReview";
            case DECISION -> "incubator.notify.committee.decision";
            default -> null;
        };
        if (key != null) {
            // A committee task now waits: the committee is told (bell and e-mail), but not a member of the team,
            // who cannot decide on their own experiment.
            List<String> committee = engineAuthentication.asSystem(() -> identityService.createUserQuery()
                    .memberOfGroup(Roles.COMMITTEE).list()).stream().map(org.camunda.bpm.engine.identity.User::getId)
                    .filter(id -> !experiment.getTeam().contains(id)).toList();
            notificationService.announce(committee, key, List.of(experiment.getTitle()),
                    "incubator/experiment/" + experiment.getId());
        }
    }

    /** The end of the period, reached by the engine's timer: the learning card opens. */
    @Transactional
    public void closeRun(UUID experimentId) {
        Experiment experiment = experiments.findById(experimentId)
                .orElseThrow(() -> new NotFoundException("incubator.error.notFound"));
        // The learning card's stage comes from the model (ExperimentStageListener); the run is over as of now.
        experiment.touch();
    }

    /** The team's learning card: the observed value, insights and actions; the decision table then suggests. */
    @Transactional
    public void submitLearningCard(String taskId, Double observedValue, String insights, String actions) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_LEARNING_CARD);
        Experiment experiment = forTask(task);
        requireTeam(experiment);
        String insightText = clean(insights);
        String actionText = clean(actions);
        if (observedValue == null || !Double.isFinite(observedValue)) {
            throw new CohorteException("incubator.error.observedRequired");
        }
        if (insightText.isEmpty()) {
            throw new CohorteException("incubator.error.insightsRequired");
        }
        FreeText.check(IncubatorTexts.class, "text", insightText);
        FreeText.check(IncubatorTexts.class, "text", actionText);
        Iteration iteration = iterations.findFirstByExperimentIdOrderByNumberDesc(experiment.getId())
                .orElseThrow(() -> new NotFoundException("incubator.error.notFound"));
        iteration.learn(observedValue, insightText, actionText.isEmpty() ? null : actionText);
        double attainment = ExperimentRules.attainment(observedValue, experiment.getThreshold(),
                experiment.isHigherIsBetter());
        inboxService.complete(taskId, Map.of("observedValue", observedValue, "attainment", attainment,
                "iteration", iteration.getNumber()));
    }

    /**
     * The committee decides at the end of a run. Persevere extends the run by {@code extraWeeks}; pivot
     * opens a new test card (the iterations so far stay); scale closes the experiment and hands it to the
     * performance feature ({@link ExperimentScaledEvent}); stop archives it.
     */
    @Transactional
    public void decide(String taskId, DecisionKind decision, String comment, int extraWeeks) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_DECISION);
        Experiment experiment = forTask(task);
        String me = requireDecider(experiment);
        if (decision == null || !decision.isRunOutcome()) {
            throw new CohorteException("incubator.error.outcomeRequired");
        }
        String text = clean(comment);
        FreeText.check(IncubatorTexts.class, "text", text);
        Iteration iteration = iterations.findFirstByExperimentIdOrderByNumberDesc(experiment.getId())
                .orElseThrow(() -> new NotFoundException("incubator.error.notFound"));
        Object suggested = task.variables().get("suggestedDecision");
        String suggestion = suggested == null ? null : suggested.toString();
        iteration.setSuggestion(suggestion);
        decisions.save(new Decision(experiment.getId(), iteration.getNumber(), decision, suggestion,
                text.isEmpty() ? null : text, me));
        Map<String, Object> variables = new HashMap<>();
        variables.put("decision", decision.name());
        switch (decision) {
            case PERSEVERE -> {
                if (extraWeeks < 1 || extraWeeks > MAX_WEEKS) {
                    throw new CohorteException("incubator.error.durationInvalid", MAX_WEEKS);
                }
                variables.putAll(startRun(experiment, extraWeeks, iteration.getNumber()));
            }
            case PIVOT -> {
                // Back to a new test card: the model's stage listener moves the experiment there.
            }
            case SCALE -> {
                events.publishEvent(new ExperimentScaledEvent(experiment.getId(), experiment.getOrganizationId(),
                        experiment.getTitle(), experiment.getMetric(), experiment.getMetricUnit(),
                        iteration.getObservedValue() == null ? 0 : iteration.getObservedValue(),
                        experiment.getThreshold(), experiment.isHigherIsBetter(), experiment.getSponsorId()));
            }
            default -> {
                // Stopped: the model's end event records the stage.
            }
        }
        notifyTeam(experiment, "incubator.notify.decision." + decision.name());
        inboxService.complete(taskId, variables);
    }

    /**
     * The team or the sponsor publishes the last learning card to a community's knowledge base (they must
     * be members of it); the experiment then becomes visible to everyone.
     */
    @Transactional
    public UUID publishLearning(UUID experimentId, UUID communityId, String title, List<String> tags) {
        Experiment experiment = requireVisible(experimentId);
        String me = currentUser.userId();
        if (!experiment.isOnTeam(me) && !me.equals(experiment.getSponsorId())) {
            throw new ForbiddenException("incubator.error.teamOnly");
        }
        Iteration iteration = iterations.findByExperimentIdOrderByNumberAsc(experimentId).stream()
                .filter(i -> i.getLearningAt() != null).reduce((a, b) -> b)
                .orElseThrow(() -> new CohorteException("incubator.error.noLearningCard"));
        if (communityId == null) {
            throw new CohorteException("incubator.error.communityRequired");
        }
        String articleTitle = clean(title).isEmpty() ? experiment.getTitle() : clean(title);
        Locale locale = CohorteI18NProvider.supported(memberService.languageOf(me));
        UUID articleId = knowledgeBaseService.publish(communityId, articleTitle, learningBody(experiment, iteration, locale),
                tags == null ? List.of(i18n.getTranslation("incubator.article.tag", locale)) : tags, SOURCE_TYPE,
                experimentId.toString());
        iteration.setKnowledgeArticleId(articleId);
        experiment.publish();
        return articleId;
    }

    /** The learning note in the publisher's language: labels from the bundles, values as the team wrote them. */
    private String learningBody(Experiment e, Iteration i, Locale locale) {
        Function<String, String> label = key -> i18n.getTranslation("incubator.article." + key, locale) + " ";
        StringBuilder body = new StringBuilder();
        body.append(label.apply("problem")).append(e.getProblem()).append("\n\n")
                .append(label.apply("hypothesis")).append(e.getHypothesis()).append("\n\n")
                .append(label.apply("weBelieve")).append(i.getWeBelieve()).append("\n")
                .append(label.apply("weWill")).append(i.getWeWill()).append("\n")
                .append(label.apply("weMeasure")).append(i.getWeMeasure()).append("\n")
                .append(label.apply("weAreRightIf")).append(i.getWeAreRightIf()).append("\n\n")
                .append(label.apply("criterion")).append(e.isHigherIsBetter() ? "≥ " : "≤ ").append(e.getThreshold())
                .append(' ').append(e.getMetricUnit() == null ? "" : e.getMetricUnit()).append("\n")
                .append(label.apply("observed")).append(i.getObservedValue()).append("\n\n")
                .append(label.apply("insights")).append(i.getInsights()).append("\n\n");
        if (i.getActions() != null) {
            body.append(label.apply("actions")).append(i.getActions()).append('\n');
        }
        return body.toString();
    }

    // ---------------------------------------------------------------- reads

    /** The experiments the signed-in user may see, most recently changed first, optionally filtered. */
    @Transactional(readOnly = true)
    public List<Experiment> board(UUID organizationId, ExperimentStage stage) {
        CurrentUser.Identity me = currentUser.require();
        return experiments.findAllByOrderByUpdatedAtDesc().stream()
                .filter(e -> canSee(e, me))
                .filter(e -> organizationId == null || organizationId.equals(e.getOrganizationId()))
                .filter(e -> stage == null || stage == e.getStage())
                .toList();
    }

    /** One experiment, if the signed-in user may see it; "not found" otherwise. */
    @Transactional(readOnly = true)
    public Experiment get(UUID experimentId) {
        return requireVisible(experimentId);
    }

    /** Whether the user may see this experiment (no exception: for callers inside their own transaction). */
    @Transactional(readOnly = true)
    public boolean visible(UUID experimentId) {
        Optional<CurrentUser.Identity> me = currentUser.find();
        return me.isPresent() && experiments.findById(experimentId).filter(e -> canSee(e, me.get())).isPresent();
    }

    @Transactional(readOnly = true)
    public ExperimentHistory history(UUID experimentId) {
        Experiment experiment = requireVisible(experimentId);
        String me = currentUser.userId();
        boolean learned = iterations.findByExperimentIdOrderByNumberAsc(experimentId).stream()
                .anyMatch(i -> i.getLearningAt() != null);
        return new ExperimentHistory(experiment, iterations.findByExperimentIdOrderByNumberAsc(experimentId),
                checkIns.findByExperimentIdOrderByRecordedAtAsc(experimentId),
                decisions.findByExperimentIdOrderByDecidedAtAsc(experimentId),
                blockerService.forSource(BlockerSource.EXPERIMENT, experimentId.toString()),
                learned && (experiment.isOnTeam(me) || me.equals(experiment.getSponsorId())));
    }

    /** The experiment behind a task the user may work on (for task forms). */
    @Transactional(readOnly = true)
    public Experiment forTask(String taskId) {
        return forTask(inboxService.get(taskId));
    }

    /** People who may be on a team or sponsor: every member (names are not confidential inside Cohorte). */
    @Transactional(readOnly = true)
    public List<Person> people() {
        currentUser.require();
        List<String> ids = engineAuthentication.asSystem(() -> identityService.createUserQuery().orderByUserId().asc()
                .listPage(0, 2000).stream().map(User::getId).toList());
        Map<String, String> names = memberService.displayNames(ids);
        return ids.stream().map(id -> new Person(id, names.get(id)))
                .sorted(Comparator.comparing(Person::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** Whether the signed-in user may propose (members and committee). */
    public boolean mayPropose() {
        return currentUser.find().map(me -> me.isIn(Roles.PARTICIPANT) || me.isIn(Roles.COMMITTEE)).orElse(false);
    }

    // ---------------------------------------------------------------- for the portfolio and export

    List<Experiment> visibleExperiments(Collection<UUID> organizationIds) {
        CurrentUser.Identity me = currentUser.require();
        return experiments.findAllByOrderByUpdatedAtDesc().stream()
                .filter(e -> canSee(e, me))
                .filter(e -> organizationIds == null || organizationIds.isEmpty()
                        || organizationIds.contains(e.getOrganizationId()))
                .toList();
    }

    // ---------------------------------------------------------------- rules

    static boolean canSee(Experiment e, CurrentUser.Identity me) {
        return e.isPublished() || e.isOnTeam(me.userId()) || me.userId().equals(e.getSponsorId())
                || me.isIn(Roles.COMMITTEE);
    }

    private Experiment requireVisible(UUID experimentId) {
        CurrentUser.Identity me = currentUser.require();
        if (experimentId == null) {
            throw new NotFoundException("incubator.error.notFound");
        }
        return experiments.findById(experimentId).filter(e -> canSee(e, me))
                .orElseThrow(() -> new NotFoundException("incubator.error.notFound"));
    }

    private Experiment forTask(TaskDetails task) {
        if (task.businessKey() == null || !PROCESS_KEY.equals(task.processDefinitionKey())) {
            throw new NotFoundException("incubator.error.notFound");
        }
        return experiments.findById(UUID.fromString(task.businessKey()))
                .orElseThrow(() -> new NotFoundException("incubator.error.notFound"));
    }

    /** A committee member who is not on the team. */
    private String requireDecider(Experiment experiment) {
        CurrentUser.Identity me = currentUser.requireAnyGroup(Roles.COMMITTEE);
        if (experiment.isOnTeam(me.userId())) {
            throw new ForbiddenException("incubator.error.committeeOnTeam");
        }
        return me.userId();
    }

    private String requireTeam(Experiment experiment) {
        String me = currentUser.userId();
        if (!experiment.isOnTeam(me)) {
            throw new ForbiddenException("incubator.error.teamOnly");
        }
        return me;
    }

    private int currentIteration(Experiment experiment) {
        return iterations.findFirstByExperimentIdOrderByNumberDesc(experiment.getId()).map(Iteration::getNumber)
                .orElse(1);
    }

    private static Map<String, Object> proposalVariables(Experiment experiment) {
        return Map.of("teamMembers", String.join(",", experiment.getTeam()),
                "budget", experiment.getBudget(),
                "durationWeeks", experiment.getDurationWeeks());
    }

    private ProposalData validate(ProposalData data, String proposer) {
        if (data == null) {
            throw new CohorteException("incubator.error.titleRequired");
        }
        String title = clean(data.title());
        if (title.isEmpty()) {
            throw new CohorteException("incubator.error.titleRequired");
        }
        if (title.length() > MAX_TITLE) {
            throw new CohorteException("incubator.error.tooLong", MAX_TITLE);
        }
        if (data.organizationId() == null) {
            throw new CohorteException("incubator.error.organizationRequired");
        }
        organizationService.get(data.organizationId());
        String problem = clean(data.problem());
        if (problem.isEmpty()) {
            throw new CohorteException("incubator.error.problemRequired");
        }
        String hypothesis = clean(data.hypothesis());
        if (hypothesis.isEmpty()) {
            throw new CohorteException("incubator.error.hypothesisRequired");
        }
        String metric = clean(data.metric());
        if (metric.isEmpty()) {
            throw new CohorteException("incubator.error.metricRequired");
        }
        if (data.threshold() == null || !Double.isFinite(data.threshold())) {
            throw new CohorteException("incubator.error.criterionRequired");
        }
        String unit = clean(data.metricUnit());
        String resources = clean(data.resources());
        FreeText.check(IncubatorTexts.class, "text", problem);
        FreeText.check(IncubatorTexts.class, "text", hypothesis);
        FreeText.check(IncubatorTexts.class, "text", resources);
        FreeText.check(IncubatorTexts.class, "metric", metric);
        FreeText.check(IncubatorTexts.class, "unit", unit);
        if (data.durationWeeks() < 1 || data.durationWeeks() > MAX_WEEKS) {
            throw new CohorteException("incubator.error.durationInvalid", MAX_WEEKS);
        }
        if (data.budget() < 0 || !Double.isFinite(data.budget())) {
            throw new CohorteException("incubator.error.budgetInvalid");
        }
        String sponsor = clean(data.sponsorId());
        if (sponsor.isEmpty()) {
            throw new CohorteException("incubator.error.sponsorRequired");
        }
        Set<String> team = new LinkedHashSet<>();
        if (data.team() != null) {
            data.team().stream().map(IncubatorService::clean).filter(s -> !s.isEmpty()).forEach(team::add);
        }
        team.remove(proposer);
        Set<String> everyone = new LinkedHashSet<>(team);
        everyone.add(sponsor);
        long known = engineAuthentication.asSystem(() -> identityService.createUserQuery()
                .userIdIn(everyone.toArray(String[]::new)).count());
        if (known != everyone.size()) {
            throw new CohorteException("incubator.error.unknownPerson");
        }
        return new ProposalData(title, data.organizationId(), sponsor, team, problem, hypothesis, metric,
                unit.isEmpty() ? null : unit, data.threshold(), data.higherIsBetter(), data.durationWeeks(),
                data.budget(), resources.isEmpty() ? null : resources);
    }

    static String clean(String text) {
        return text == null ? "" : PlainText.clean(text).strip();
    }
}
