package org.cohorte.performance.service;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.cohorte.base.text.FreeText;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.PersonOption;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.incubator.service.ExperimentScaledEvent;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.domain.IndicatorRepository;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.MeasurementRepository;
import org.cohorte.performance.domain.Objective;
import org.cohorte.performance.domain.ObjectiveRepository;
import org.springframework.context.event.EventListener;
import org.cohorte.tasks.service.TaskSubjectIndex;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Objectives and indicators of an organization, kept by its managers, read by the steering room. */
@Service
public class IndicatorService {

    public static final int MAX_NAME = 300;
    public static final int MAX_UNIT = 40;
    public static final int MAX_TEXT = 4000;
    /** The objective that receives indicators handed over by the incubator. */
    public static final String SCALED_OBJECTIVE_TITLE = "Expériences mises à l’échelle";

    private final ObjectiveRepository objectives;
    private final IndicatorRepository indicators;
    private final MeasurementRepository measurements;
    private final PerformanceAccess access;
    private final ReviewService reviewService;
    private final MemberService memberService;
    private final TaskSubjectIndex subjectIndex;

    public IndicatorService(ObjectiveRepository objectives, IndicatorRepository indicators,
                            MeasurementRepository measurements, PerformanceAccess access, ReviewService reviewService,
                            MemberService memberService, TaskSubjectIndex subjectIndex) {
        this.subjectIndex = subjectIndex;
        this.reviewService = reviewService;
        this.memberService = memberService;
        this.objectives = objectives;
        this.indicators = indicators;
        this.measurements = measurements;
        this.access = access;
    }

    @Transactional
    public Objective createObjective(UUID organizationId, String title, String description) {
        access.requireWrite(organizationId);
        String cleanTitle = FreeText.check(PerformanceTexts.class, "name", title);
        String cleanDescription = FreeText.check(PerformanceTexts.class, "comment", description);
        return objectives.save(new Objective(organizationId, cleanTitle, cleanDescription));
    }

    @Transactional(readOnly = true)
    public List<Objective> objectives(UUID organizationId) {
        access.requireRead(organizationId);
        return objectives.findByOrganizationIdOrderByTitleAsc(organizationId);
    }

    @Transactional(readOnly = true)
    public Objective objective(UUID objectiveId) {
        Objective objective = objectives.findById(objectiveId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        access.requireRead(objective.getOrganizationId());
        return objective;
    }

    /** People of the organization who may own or validate its indicators: for those who may define them. */
    @Transactional(readOnly = true)
    public List<PersonOption> searchOwners(UUID organizationId, String filter, int offset, int limit) {
        access.requireWrite(organizationId);
        return memberService.searchInOrganization(organizationId, filter, offset, limit);
    }

    @Transactional
    public Indicator defineIndicator(UUID objectiveId, IndicatorDefinition definition) {
        Objective objective = objectives.findById(objectiveId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
        access.requireWrite(objective.getOrganizationId());
        return indicators.save(new Indicator(objectiveId, objective.getOrganizationId(), validate(definition)));
    }

    @Transactional
    public Indicator updateIndicator(UUID indicatorId, IndicatorDefinition definition) {
        Indicator indicator = find(indicatorId);
        access.requireWrite(indicator.getOrganizationId());
        String formerName = indicator.getName();
        indicator.apply(validate(definition));
        reviewService.reassignOpenTasks(indicator);
        if (!indicator.getName().equals(formerName)) {
            // Its open review tasks are sorted and found by the new name.
            subjectIndex.refreshProcess(ReviewService.PROCESS_KEY);
        }
        return indicator;
    }

    /** A draft (handed over by the incubator) becomes an indicator followed in the reviews. */
    @Transactional
    public void activate(UUID indicatorId) {
        Indicator indicator = find(indicatorId);
        access.requireWrite(indicator.getOrganizationId());
        indicator.setDraft(false);
    }

    @Transactional(readOnly = true)
    public List<Indicator> indicators(UUID organizationId) {
        access.requireRead(organizationId);
        return indicators.findByOrganizationIdOrderByNameAsc(organizationId);
    }

    @Transactional(readOnly = true)
    public Indicator indicator(UUID indicatorId) {
        Indicator indicator = find(indicatorId);
        access.requireRead(indicator.getOrganizationId());
        return indicator;
    }

    /** An indicator's measurements, oldest period first: its history and comments. */
    @Transactional(readOnly = true)
    public List<Measurement> history(UUID indicatorId) {
        Indicator indicator = find(indicatorId);
        access.requireRead(indicator.getOrganizationId());
        return measurements.findByIndicatorIdOrderByPeriodAsc(indicatorId).stream()
                .sorted(Comparator.comparing(Measurement::getPeriodEnd)).toList();
    }

    /** What worked in the incubator is followed in the reviews: a draft indicator the managers complete. */
    @EventListener
    public void onExperimentScaled(ExperimentScaledEvent event) {
        if (event.organizationId() == null || indicators.existsBySourceExperimentId(event.experimentId())) {
            return;
        }
        // The committee's decision is authorized by the incubator; the hand-over is the system's.
        SystemIdentity.runAsAdministrator("incubator-scaled", () -> {
            Objective objective = objectives.findByOrganizationIdOrderByTitleAsc(event.organizationId()).stream()
                    .filter(o -> SCALED_OBJECTIVE_TITLE.equals(o.getTitle())).findFirst()
                    .orElseGet(() -> objectives.save(new Objective(event.organizationId(), SCALED_OBJECTIVE_TITLE, null)));
            LocalDate today = EngineClock.today();
            String name = truncate((event.metric() == null || event.metric().isBlank() ? event.title()
                    : event.title() + " — " + event.metric()), MAX_NAME);
            String unit = truncate(event.unit() == null || event.unit().isBlank() ? "-" : event.unit(), MAX_UNIT);
            String owner = event.sponsorId() == null ? "admin" : event.sponsorId();
            // Baseline: the level the experiment reached. Target: the success threshold, unless the experiment
            // already beat it; then holding that level at scale is the goal. A draft must pass the same rules as
            // any indicator (it is imported and exported like one): its target never goes against its direction.
            Direction direction = event.higherIsBetter() ? Direction.HIGHER : Direction.LOWER;
            double target = direction == Direction.HIGHER ? Math.max(event.threshold(), event.observedValue())
                    : Math.min(event.threshold(), event.observedValue());
            Indicator indicator = new Indicator(objective.getId(), event.organizationId(), validate(new IndicatorDefinition(
                    name, unit, event.observedValue(), today, target, today.plusYears(1), direction, Frequency.QUARTERLY,
                    owner, owner)));
            indicator.setDraft(true);
            indicator.setSourceExperimentId(event.experimentId());
            indicators.save(indicator);
        });
    }

    Indicator find(UUID indicatorId) {
        if (indicatorId == null) {
            throw new NotFoundException("performance.error.notFound");
        }
        return indicators.findById(indicatorId).orElseThrow(() -> new NotFoundException("performance.error.notFound"));
    }

    static IndicatorDefinition validate(IndicatorDefinition d) {
        if (d == null) {
            throw new CohorteException("performance.error.required");
        }
        String name = FreeText.check(PerformanceTexts.class, "name", d.name());
        String unit = FreeText.check(PerformanceTexts.class, "unit", d.unit());
        if (d.baselineDate() == null || d.targetDate() == null || d.direction() == null || d.frequency() == null
                || blank(d.ownerId()) || blank(d.validatorId())) {
            throw new CohorteException("performance.error.required");
        }
        if (!Double.isFinite(d.baselineValue()) || !Double.isFinite(d.targetValue())) {
            throw new CohorteException("performance.error.number");
        }
        if (!d.targetDate().isAfter(d.baselineDate())) {
            throw new CohorteException("performance.error.targetBeforeBaseline");
        }
        if (d.direction() == Direction.HIGHER && d.targetValue() < d.baselineValue()
                || d.direction() == Direction.LOWER && d.targetValue() > d.baselineValue()) {
            throw new CohorteException("performance.error.targetAgainstDirection");
        }
        return new IndicatorDefinition(name, unit, d.baselineValue(), d.baselineDate(), d.targetValue(), d.targetDate(),
                d.direction(), d.frequency(), d.ownerId().strip(), d.validatorId().strip());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** Roles that define indicators. */
    public static final String[] WRITERS = {Roles.MANAGER, Roles.ADMIN};
}
