package org.cohorte.performance.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.text.FreeText;
import org.cohorte.base.time.EngineClock;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorRepository;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.MeasurementRepository;
import org.cohorte.performance.domain.MeasurementState;
import org.cohorte.performance.domain.Period;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.domain.ReviewRepository;
import org.cohorte.performance.domain.ReviewStatus;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Performance reviews ({@code performance_review}): one per organization and quarter, started by the timer
 * at the quarter's end or by a manager. Each indicator due that quarter gets a measurement that its owner
 * enters and its validator accepts or sends back; indicator-status.dmn rates it; off track asks for an
 * action plan (and maybe a blocker); a manager signs the review off and it is published.
 */
@Service
public class ReviewService {

    public static final String PROCESS_KEY = "performance_review";
    public static final String START_MESSAGE = "performance_review_requested";
    public static final String TASK_ENTER = "user_task_enter_measurement";
    public static final String TASK_VALIDATE = "user_task_validate_measurement";
    public static final String TASK_ACTION_PLAN = "user_task_action_plan";
    public static final String TASK_SIGN_OFF = "user_task_sign_off_review";
    public static final String TASK_ASSIGN_OWNER = "user_task_assign_indicator_owner";
    /** Owners have this long after the quarter's end to enter their values. */
    static final Duration ENTRY_DELAY = Duration.ofDays(20);
    static final Duration SIGN_OFF_DELAY = Duration.ofDays(40);

    private final ReviewRepository reviews;
    private final MeasurementRepository measurements;
    private final IndicatorRepository indicators;
    private final PerformanceAccess access;
    private final CurrentUser currentUser;
    private final RuntimeService runtimeService;
    private final EngineAuthentication engineAuthentication;
    private final InboxService inboxService;
    private final BlockerService blockerService;
    private final MemberService memberService;
    private final OrganizationService organizationService;
    private final TaskService taskService;
    private final IdentityService identityService;

    public ReviewService(ReviewRepository reviews, MeasurementRepository measurements, IndicatorRepository indicators,
                         PerformanceAccess access, CurrentUser currentUser, RuntimeService runtimeService,
                         EngineAuthentication engineAuthentication, InboxService inboxService,
                         BlockerService blockerService, MemberService memberService,
                         OrganizationService organizationService, TaskService taskService,
                         IdentityService identityService) {
        this.taskService = taskService;
        this.identityService = identityService;
        this.reviews = reviews;
        this.measurements = measurements;
        this.indicators = indicators;
        this.access = access;
        this.currentUser = currentUser;
        this.runtimeService = runtimeService;
        this.engineAuthentication = engineAuthentication;
        this.inboxService = inboxService;
        this.blockerService = blockerService;
        this.memberService = memberService;
        this.organizationService = organizationService;
    }

    /** A manager starts the review of their organization for a quarter (e.g. "2026-Q1"). */
    @Transactional
    public Review startReview(UUID organizationId, String periodLabel) {
        access.requireWrite(organizationId);
        Period period = Period.parse(periodLabel);
        if (period == null) {
            throw new CohorteException("performance.error.period", periodLabel == null ? "" : periodLabel);
        }
        if (reviews.findByOrganizationIdAndPeriod(organizationId, period.label()).isPresent()) {
            throw new ConflictException("performance.error.reviewExists", period.label());
        }
        return open(organizationId, period, currentUser.userId());
    }

    /** The quarter the timer opens and the organizations that have indicators due and no review for it yet. */
    public record DueReviews(String period, List<UUID> organizationIds) {
    }

    /**
     * The timer's first step: which quarter just ended and which organizations have indicators due for it and
     * no review yet. Opening is left to one job per organization ({@link #openDueReview}), so that one
     * organization's bad data holds up none of the others. Runs as the system (the timer has nobody signed in).
     */
    @Transactional(readOnly = true)
    public DueReviews dueReviews() {
        currentUser.requireAnyGroup(Roles.ADMIN);
        Period period = Period.lastEndedBefore(EngineClock.today().plusDays(1));
        List<UUID> due = new ArrayList<>();
        for (UUID organizationId : indicators.organizationsWithActiveIndicators()) {
            if (reviews.findByOrganizationIdAndPeriod(organizationId, period.label()).isEmpty()) {
                due.add(organizationId);
            }
        }
        return new DueReviews(period.label(), due);
    }

    /**
     * One organization's job: opens its review of the quarter, unless a manager opened it meanwhile or nothing
     * is due. Anything that stops it fails with a message naming the organization (name and id), which the
     * engine keeps as the incident's message once the retries are spent.
     *
     * @return the review opened, or null when there was nothing to open
     */
    @Transactional
    public UUID openDueReview(UUID organizationId, String periodLabel) {
        currentUser.requireAnyGroup(Roles.ADMIN);
        // Read first: after a database error (PostgreSQL aborts the transaction) it could not be read any more.
        String label = organizationLabel(organizationId);
        try {
            Period period = Period.parse(periodLabel);
            if (period == null) {
                throw new IllegalArgumentException("unknown period " + periodLabel);
            }
            if (reviews.findByOrganizationIdAndPeriod(organizationId, period.label()).isPresent()
                    || dueIndicators(organizationId, period).isEmpty()) {
                return null;
            }
            // Nobody could sign the review off: an organization's data to fix, not a review to open half-way.
            if (memberService.membersOf(organizationId, Roles.MANAGER).isEmpty()) {
                throw new IllegalStateException("the organization has no manager to sign its review off");
            }
            return open(organizationId, period, currentUser.userId()).getId();
        } catch (RuntimeException e) {
            throw new ReviewOpeningException(label, organizationId, periodLabel, e);
        }
    }

    private String organizationLabel(UUID organizationId) {
        try {
            return organizationService.label(organizationId);
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private List<Indicator> dueIndicators(UUID organizationId, Period period) {
        return indicators.findByOrganizationIdAndDraftFalseOrderByNameAsc(organizationId).stream()
                .filter(i -> i.getFrequency().dueInQuarter(period.quarter()))
                .filter(i -> !i.getBaselineDate().isAfter(period.end()))
                .toList();
    }

    private Review open(UUID organizationId, Period period, String startedBy) {
        List<Indicator> due = dueIndicators(organizationId, period);
        if (due.isEmpty()) {
            throw new CohorteException("performance.error.noIndicators", period.label());
        }
        Review review = reviews.save(new Review(organizationId, period, startedBy));
        for (Indicator indicator : due) {
            Measurement measurement = measurements.findByIndicatorIdAndPeriod(indicator.getId(), period.label())
                    .orElseGet(() -> new Measurement(indicator.getId(), review.getId(), period));
            // An imported value for the same quarter: the review takes it over and its owner confirms it.
            measurement.attachTo(review.getId());
            measurements.save(measurement);
        }
        String managers = String.join(",", memberService.membersOf(organizationId, Roles.MANAGER));
        String organizationName = organizationService.label(organizationId);
        LocalDate end = period.end();
        Date endInstant = Date.from(end.plusDays(1).atStartOfDay(EngineClock.ZONE).toInstant());
        Map<String, Object> variables = new HashMap<>();
        variables.put("reviewId", review.getId().toString());
        variables.put("organizationId", organizationId.toString());
        variables.put("organizationName", organizationName);
        variables.put("period", period.label());
        variables.put("indicatorCount", due.size());
        variables.put("managerIds", managers);
        Date base = endInstant.after(Date.from(EngineClock.now())) ? endInstant : Date.from(EngineClock.now());
        variables.put("measurementDueDate", Date.from(base.toInstant().plus(ENTRY_DELAY)));
        variables.put("signOffDueDate", Date.from(base.toInstant().plus(SIGN_OFF_DELAY)));
        // The user (or the timer) is authorized above; starting the process needs no engine grant.
        String instanceId = engineAuthentication.asSystem(() -> runtimeService.createMessageCorrelation(START_MESSAGE)
                .processInstanceBusinessKey(review.getId().toString()).setVariables(variables)
                .correlateStartMessage().getId());
        review.setProcessInstanceId(instanceId);
        return review;
    }

    /** For the process: which indicator the n-th instance of the per-indicator sub-process reviews. */
    @Transactional(readOnly = true)
    public IndicatorStep indicatorAt(UUID reviewId, int index) {
        List<UUID> ids = measurements.findByReviewId(reviewId).stream().map(Measurement::getIndicatorId).toList();
        List<Indicator> ordered = indicators.findAllById(ids).stream()
                .sorted(Comparator.comparing(Indicator::getName).thenComparing(Indicator::getId)).toList();
        return IndicatorStep.of(ordered.get(index));
    }

    /** What the review process keeps of an indicator in its variables (delegates see no entity). */
    public record IndicatorStep(UUID id, String name, String ownerId, String validatorId) {
        static IndicatorStep of(Indicator indicator) {
            return new IndicatorStep(indicator.getId(), indicator.getName(), indicator.getOwnerId(),
                    indicator.getValidatorId());
        }
    }

    /** For the process: an indicator of a review (the process holds only its id). */
    @Transactional(readOnly = true)
    public IndicatorStep indicator(UUID indicatorId) {
        return IndicatorStep.of(indicators.findById(indicatorId)
                .orElseThrow(() -> new NotFoundException("performance.error.notFound")));
    }

    /** For the process: whether the indicator's owner still has an account (else someone must name another). */
    @Transactional(readOnly = true)
    public boolean hasOwnerAccount(IndicatorStep indicator) {
        return hasOwnerAccount(indicator.ownerId());
    }

    private boolean hasOwnerAccount(Indicator indicator) {
        return hasOwnerAccount(indicator.getOwnerId());
    }

    private boolean hasOwnerAccount(String owner) {
        return owner != null && engineAuthentication.asSystem(() -> identityService.createUserQuery().userId(owner).count() > 0);
    }

    /**
     * A manager of the review's organization (or an administrator) has named another owner in the indicator's
     * record and says so: the review goes on with the new owner. Refused while the owner still has no account.
     */
    @Transactional
    public void confirmOwnerAssigned(String taskId) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_ASSIGN_OWNER);
        Review review = reviewOf(task);
        access.requireWrite(review.getOrganizationId());
        Indicator indicator = indicatorOf(measurementOf(task));
        if (!hasOwnerAccount(indicator)) {
            throw new ConflictException("performance.error.ownerStillMissing", indicator.getName());
        }
        inboxService.complete(taskId, Map.of());
    }

    /** The inputs of indicator-status.dmn for an accepted measurement. */
    @Transactional(readOnly = true)
    public Map<String, Object> statusInputs(UUID reviewId, UUID indicatorId) {
        Review review = reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        Indicator indicator = indicators.findById(indicatorId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        Measurement measurement = measurement(review, indicatorId);
        return statusInputs(indicator, measurement.getValue(), review.getPeriodEnd());
    }

    /** The DMN's inputs for a value measured at a date. */
    public static Map<String, Object> statusInputs(Indicator indicator, double value, LocalDate at) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("direction", indicator.getDirection().name());
        inputs.put("baselineValue", indicator.getBaselineValue());
        inputs.put("targetValue", indicator.getTargetValue());
        inputs.put("measuredValue", value);
        inputs.put("elapsed", indicator.elapsedAt(at));
        return inputs;
    }

    /** Stores what the DMN said. */
    @Transactional
    public void recordStatus(UUID reviewId, UUID indicatorId, String status) {
        Review review = reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        Indicator indicator = indicators.findById(indicatorId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        Measurement measurement = measurement(review, indicatorId);
        measurement.rate(IndicatorStatus.valueOf(status), indicator.progressOf(measurement.getValue()));
    }

    /** The owner's task: the quarter's value, a comment and an optional evidence link. */
    @Transactional
    public void submitMeasurement(String taskId, Double value, String comment, String evidenceUrl) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_ENTER);
        Measurement measurement = measurementOf(task);
        requireOwner(measurement);
        if (value == null || !Double.isFinite(value)) {
            throw new CohorteException("performance.error.value");
        }
        String cleanComment = FreeText.check(PerformanceTexts.class, "comment", comment);
        String cleanUrl = evidenceUrl(evidenceUrl);
        measurement.enter(value, cleanComment, cleanUrl, currentUser.userId());
        inboxService.complete(taskId, Map.of());
    }

    /** The validator's task: accept, or send back with a reason. */
    @Transactional
    public void validateMeasurement(String taskId, boolean accepted, String reason) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_VALIDATE);
        Measurement measurement = measurementOf(task);
        // Who validates is the indicator's validator as Cohorte records it, never what a task variable says,
        // and never the person who entered the value.
        Indicator indicator = indicatorOf(measurement);
        if (!currentUser.userId().equals(indicator.getValidatorId())) {
            throw new ForbiddenException("performance.error.notValidator");
        }
        if (currentUser.userId().equals(measurement.getEnteredBy())) {
            throw new ForbiddenException("performance.error.ownValue");
        }
        if (accepted) {
            measurement.accept(currentUser.userId());
        } else {
            measurement.sendBack(FreeText.check(PerformanceTexts.class, "sendBackReason", reason), currentUser.userId());
        }
        inboxService.complete(taskId, Map.of("accepted", accepted));
    }

    /** Off track: the owner's action plan, and a blocker if something stands in the way. */
    @Transactional
    public void submitActionPlan(String taskId, String actionPlan, String blockerTitle, String blockerDescription) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_ACTION_PLAN);
        Measurement measurement = measurementOf(task);
        requireOwner(measurement);
        measurement.setActionPlan(FreeText.check(PerformanceTexts.class, "actionPlan", actionPlan));
        boolean declare = blockerTitle != null && !blockerTitle.isBlank();
        if (declare) {
            Indicator indicator = indicators.findById(measurement.getIndicatorId()).orElseThrow();
            blockerService.declare(BlockerSource.INDICATOR, indicator.getId().toString(), indicator.getOrganizationId(),
                    blockerTitle, blockerDescription);
        }
        inboxService.complete(taskId, Map.of("blockerDeclared", declare));
    }

    /** A manager of the organization signs the whole review off. */
    @Transactional
    public void signOff(String taskId, String comment) {
        TaskDetails task = inboxService.requireWorkable(taskId, TASK_SIGN_OFF);
        Review review = reviewOf(task);
        access.requireWrite(review.getOrganizationId());
        boolean pending = measurements.findByReviewId(review.getId()).stream()
                .anyMatch(m -> m.getState() != MeasurementState.ACCEPTED);
        if (pending) {
            throw new ConflictException("performance.error.notAllAccepted");
        }
        review.signOff(currentUser.userId(), FreeText.check(PerformanceTexts.class, "comment", comment));
        inboxService.complete(taskId, Map.of());
    }

    /** The process publishes a signed-off review to the steering room. */
    @Transactional
    public void publish(UUID reviewId) {
        Review review = reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        if (review.getStatus() == ReviewStatus.SIGNED_OFF) {
            review.publish();
        }
    }

    @Transactional(readOnly = true)
    public Review review(UUID reviewId) {
        Review review = reviews.findById(reviewId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        access.requireRead(review.getOrganizationId());
        return review;
    }

    @Transactional(readOnly = true)
    public List<Review> reviews(UUID organizationId) {
        access.requireRead(organizationId);
        return reviews.findByOrganizationIdOrderByPeriodDesc(organizationId);
    }

    @Transactional(readOnly = true)
    public List<Measurement> measurements(UUID reviewId) {
        Review review = review(reviewId);
        return measurements.findByReviewId(review.getId());
    }

    /** What a per-indicator task's form shows: the indicator, this period's measurement and the review. */
    public record MeasurementTask(Indicator indicator, Measurement measurement, Review review) {
    }

    /** For the forms of the per-indicator tasks: the task's holder reads its indicator, whatever their role. */
    @Transactional(readOnly = true)
    public MeasurementTask measurementTask(String taskId) {
        TaskDetails task = inboxService.get(taskId);
        Measurement measurement = measurementOf(task);
        Indicator indicator = indicators.findById(measurement.getIndicatorId())
                .orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        return new MeasurementTask(indicator, measurement, reviewOf(task));
    }

    /** For the sign-off form: every indicator of the review with its measurement. */
    @Transactional(readOnly = true)
    public List<MeasurementTask> reviewTask(String taskId) {
        TaskDetails task = inboxService.get(taskId);
        Review review = reviewOf(task);
        access.requireRead(review.getOrganizationId());
        List<Measurement> all = measurements.findByReviewId(review.getId());
        var byId = indicators.findAllById(all.stream().map(Measurement::getIndicatorId).toList()).stream()
                .collect(java.util.stream.Collectors.toMap(Indicator::getId, i -> i));
        return all.stream().map(m -> new MeasurementTask(byId.get(m.getIndicatorId()), m, review))
                .sorted(Comparator.comparing(t -> t.indicator().getName())).toList();
    }

    /** The measurement a review task is about, for that task's form. */
    @Transactional(readOnly = true)
    public Measurement measurementForTask(String taskId) {
        TaskDetails task = inboxService.get(taskId);
        return measurementOf(task);
    }

    /** The owner enters the value and the action plan: the indicator's owner as Cohorte records it. */
    private void requireOwner(Measurement measurement) {
        if (!currentUser.userId().equals(indicatorOf(measurement).getOwnerId())) {
            throw new ForbiddenException("performance.error.notOwner");
        }
    }

    private Indicator indicatorOf(Measurement measurement) {
        return indicators.findById(measurement.getIndicatorId())
                .orElseThrow(() -> new NotFoundException("performance.error.notFound"));
    }

    /**
     * When a manager names another owner or validator, the indicator's open review tasks follow the record:
     * the new person finds them in their inbox, and the former one can no longer act on them.
     */
    void reassignOpenTasks(Indicator indicator) {
        engineAuthentication.asSystem(() -> {
            for (Review review : reviews.findByOrganizationIdOrderByPeriodDesc(indicator.getOrganizationId())) {
                if (review.getStatus() == ReviewStatus.SIGNED_OFF || review.getStatus() == ReviewStatus.PUBLISHED) {
                    continue;
                }
                for (Task task : taskService.createTaskQuery().processDefinitionKey(PROCESS_KEY)
                        .processInstanceBusinessKey(review.getId().toString())
                        .taskDefinitionKeyIn(TASK_ENTER, TASK_VALIDATE, TASK_ACTION_PLAN).list()) {
                    if (!indicator.getId().toString().equals(taskService.getVariable(task.getId(), "indicatorId"))) {
                        continue;
                    }
                    String person = TASK_VALIDATE.equals(task.getTaskDefinitionKey())
                            ? indicator.getValidatorId() : indicator.getOwnerId();
                    if (!person.equals(task.getAssignee())) {
                        taskService.setAssignee(task.getId(), person);
                    }
                }
            }
        });
    }

    private Measurement measurementOf(TaskDetails task) {
        Review review = reviewOf(task);
        Object indicatorId = task.variables().get("indicatorId");
        if (indicatorId == null) {
            throw new NotFoundException("performance.error.notFound");
        }
        return measurement(review, UUID.fromString(indicatorId.toString()));
    }

    private Review reviewOf(TaskDetails task) {
        if (!PROCESS_KEY.equals(task.processDefinitionKey()) || task.businessKey() == null) {
            throw new NotFoundException("performance.error.notFound");
        }
        return reviews.findById(UUID.fromString(task.businessKey()))
                .orElseThrow(() -> new NotFoundException("performance.error.notFound"));
    }

    private Measurement measurement(Review review, UUID indicatorId) {
        return measurements.findByIndicatorIdAndPeriod(indicatorId, review.getPeriod())
                .filter(m -> review.getId().equals(m.getReviewId()))
                .orElseThrow(() -> new NotFoundException("performance.error.notFound"));
    }

    static String evidenceUrl(String url) {
        String clean = FreeText.check(PerformanceTexts.class, "evidenceUrl", url);
        if (clean != null && !clean.matches("(?i)https?://\\S+")) {
            throw new CohorteException("performance.error.evidenceUrl");
        }
        return clean;
    }
}
