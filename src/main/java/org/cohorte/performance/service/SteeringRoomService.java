package org.cohorte.performance.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.blocker.service.BlockerSummary;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.incubator.api.ExperimentPortfolio;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorRepository;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.MeasurementRepository;
import org.cohorte.performance.domain.Objective;
import org.cohorte.performance.domain.ObjectiveRepository;
import org.cohorte.performance.domain.Period;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steering room ("salle de pilotage"): per organization and objective, status counts and each
 * indicator's trend; open blockers by age; experiments by stage. Only organizations the user may read.
 */
@Service
public class SteeringRoomService {

    /** Quarters shown in the trends, the chosen one last. */
    public static final int TREND_PERIODS = 6;

    public record Point(String period, LocalDate periodEnd, Double value, IndicatorStatus status) {
    }

    public record IndicatorTrend(Indicator indicator, List<Point> points, IndicatorStatus current) {
    }

    public record ObjectivePanel(UUID id, String title, Map<IndicatorStatus, Long> counts, long notRated,
                                 List<IndicatorTrend> indicators) {
    }

    public record OrganizationPanel(UUID id, String name, Map<IndicatorStatus, Long> counts, long notRated,
                                    List<ObjectivePanel> objectives) {
    }

    public record BlockerLine(BlockerSummary blocker, String organization, long ageDays, Instant slaDueAt, boolean overdue) {
    }

    public record Overview(String period, List<OrganizationPanel> organizations, List<BlockerLine> openBlockers,
                           Map<String, Long> experimentsByStage, boolean experimentsAvailable) {
    }

    private final PerformanceAccess access;
    private final ObjectiveRepository objectives;
    private final IndicatorRepository indicators;
    private final MeasurementRepository measurements;
    private final BlockerService blockerService;
    private final ObjectProvider<ExperimentPortfolio> portfolio;

    public SteeringRoomService(PerformanceAccess access, ObjectiveRepository objectives, IndicatorRepository indicators,
                               MeasurementRepository measurements, BlockerService blockerService,
                               ObjectProvider<ExperimentPortfolio> portfolio) {
        this.access = access;
        this.objectives = objectives;
        this.indicators = indicators;
        this.measurements = measurements;
        this.blockerService = blockerService;
        this.portfolio = portfolio;
    }

    /** The organizations the user may choose from. */
    @Transactional(readOnly = true)
    public List<OrganizationRef> organizations() {
        return access.readableOrganizations();
    }

    @Transactional(readOnly = true)
    public Overview overview(Period period, Collection<UUID> organizationIds) {
        List<OrganizationRef> readable = access.readableOrganizations();
        Set<UUID> wanted = new LinkedHashSet<>(organizationIds == null ? List.of() : organizationIds);
        Set<UUID> readableIds = readable.stream().map(OrganizationRef::id).collect(Collectors.toSet());
        if (!readableIds.containsAll(wanted)) {
            throw new NotFoundException("performance.error.notFound");
        }
        List<OrganizationRef> selected = wanted.isEmpty() ? readable
                : readable.stream().filter(o -> wanted.contains(o.id())).toList();
        List<UUID> ids = selected.stream().map(OrganizationRef::id).toList();
        if (ids.isEmpty()) {
            return new Overview(period.label(), List.of(), List.of(), Map.of(), false);
        }
        List<Period> periods = new ArrayList<>();
        Period p = period;
        for (int i = 0; i < TREND_PERIODS; i++) {
            periods.add(0, p);
            p = p.previous();
        }
        List<Indicator> all = indicators.findByOrganizationIdInOrderByNameAsc(ids).stream().filter(i -> !i.isDraft()).toList();
        Map<UUID, Map<String, Measurement>> byIndicator = new HashMap<>();
        if (!all.isEmpty()) {
            measurements.findByIndicatorIdInOrderByPeriodAsc(all.stream().map(Indicator::getId).toList())
                    .forEach(m -> byIndicator.computeIfAbsent(m.getIndicatorId(), k -> new HashMap<>()).put(m.getPeriod(), m));
        }
        Map<UUID, List<Indicator>> byObjective = all.stream().collect(Collectors.groupingBy(Indicator::getObjectiveId));
        List<OrganizationPanel> panels = new ArrayList<>();
        Map<UUID, List<Objective>> objectivesByOrg = objectives.findByOrganizationIdInOrderByTitleAsc(ids).stream()
                .collect(Collectors.groupingBy(Objective::getOrganizationId));
        for (OrganizationRef organization : selected) {
            Map<IndicatorStatus, Long> orgCounts = emptyCounts();
            long orgNotRated = 0;
            List<ObjectivePanel> objectivePanels = new ArrayList<>();
            for (Objective objective : objectivesByOrg.getOrDefault(organization.id(), List.of())) {
                List<Indicator> own = byObjective.getOrDefault(objective.getId(), List.of());
                if (own.isEmpty()) {
                    continue;
                }
                Map<IndicatorStatus, Long> counts = emptyCounts();
                long notRated = 0;
                List<IndicatorTrend> trends = new ArrayList<>();
                for (Indicator indicator : own) {
                    Map<String, Measurement> values = byIndicator.getOrDefault(indicator.getId(), Map.of());
                    List<Point> points = periods.stream().map(q -> {
                        Measurement m = values.get(q.label());
                        return new Point(q.label(), q.end(), m == null ? null : m.getValue(), m == null ? null : m.getStatus());
                    }).toList();
                    Measurement current = values.get(period.label());
                    IndicatorStatus status = current == null ? null : current.getStatus();
                    if (status == null) {
                        notRated++;
                    } else {
                        counts.merge(status, 1L, Long::sum);
                    }
                    trends.add(new IndicatorTrend(indicator, points, status));
                }
                counts.forEach((k, v) -> orgCounts.merge(k, v, Long::sum));
                orgNotRated += notRated;
                objectivePanels.add(new ObjectivePanel(objective.getId(), objective.getTitle(), counts, notRated, trends));
            }
            panels.add(new OrganizationPanel(organization.id(), organization.label(), orgCounts, orgNotRated, objectivePanels));
        }
        Map<UUID, String> names = selected.stream().collect(Collectors.toMap(OrganizationRef::id, OrganizationRef::label));
        Instant now = EngineClock.now();
        List<BlockerLine> blockers = blockerService.forOrganizations(ids).stream().filter(b -> b.status().isOpen())
                .sorted(Comparator.comparing(BlockerSummary::declaredAt))
                .map(b -> new BlockerLine(b, names.getOrDefault(b.organizationId(), ""), b.ageInDays(now),
                        b.slaDueAt(BlockerService.SLA), now.isAfter(b.slaDueAt(BlockerService.SLA))))
                .toList();
        ExperimentPortfolio experiments = portfolio.getIfAvailable();
        Map<String, Long> stages = experiments == null ? Map.of() : new LinkedHashMap<>(experiments.countsByStage(ids));
        return new Overview(period.label(), panels, blockers, stages, experiments != null);
    }

    private static Map<IndicatorStatus, Long> emptyCounts() {
        Map<IndicatorStatus, Long> counts = new java.util.EnumMap<>(IndicatorStatus.class);
        for (IndicatorStatus status : IndicatorStatus.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }
}
