package org.cohorte.incubator.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cohorte.identity.service.CurrentUser;
import org.cohorte.incubator.api.ExperimentPortfolio;
import org.cohorte.incubator.api.ExperimentSnapshot;
import org.cohorte.incubator.domain.CheckIn;
import org.cohorte.incubator.domain.CheckInRepository;
import org.cohorte.incubator.domain.Decision;
import org.cohorte.incubator.domain.DecisionRepository;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ExperimentRepository;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.domain.Iteration;
import org.cohorte.incubator.domain.IterationRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The incubator's answer to the steering room and the forum: counts of all, snapshots of what one may see. */
@Service
public class IncubatorPortfolio implements ExperimentPortfolio {

    private final ExperimentRepository experiments;
    private final IterationRepository iterations;
    private final CheckInRepository checkIns;
    private final DecisionRepository decisions;
    private final IncubatorService incubatorService;
    private final CurrentUser currentUser;

    public IncubatorPortfolio(ExperimentRepository experiments, IterationRepository iterations,
                              CheckInRepository checkIns, DecisionRepository decisions,
                              IncubatorService incubatorService, CurrentUser currentUser) {
        this.experiments = experiments;
        this.iterations = iterations;
        this.checkIns = checkIns;
        this.decisions = decisions;
        this.incubatorService = incubatorService;
        this.currentUser = currentUser;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Long> countsByStage(Collection<UUID> organizationIds) {
        currentUser.require();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ExperimentStage stage : ExperimentStage.values()) {
            counts.put(stage.name(), 0L);
        }
        List<Object[]> rows = organizationIds == null || organizationIds.isEmpty()
                ? experiments.countByStage() : experiments.countByStage(organizationIds);
        rows.forEach(row -> counts.put(((ExperimentStage) row[0]).name(), ((Number) row[1]).longValue()));
        return counts;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ExperimentSnapshot> visibleSnapshots(Collection<UUID> organizationIds) {
        return portfolio(organizationIds).experiments().stream().map(row -> row.snapshot()).toList();
    }

    /** Everything the export and the snapshots need, for the experiments the user may see. */
    @Transactional(readOnly = true)
    public Portfolio portfolio(Collection<UUID> organizationIds) {
        List<Experiment> visible = incubatorService.visibleExperiments(organizationIds);
        List<UUID> ids = visible.stream().map(Experiment::getId).toList();
        List<Iteration> allIterations = ids.isEmpty() ? List.of() : iterations.findByExperimentIdInOrderByNumberAsc(ids);
        List<Decision> allDecisions = ids.isEmpty() ? List.of() : decisions.findByExperimentIdInOrderByDecidedAtAsc(ids);
        List<CheckIn> allCheckIns = ids.isEmpty() ? List.of() : checkIns.findByExperimentIdInOrderByRecordedAtAsc(ids);
        List<Portfolio.Row> rows = visible.stream().map(e -> {
            List<Iteration> its = allIterations.stream().filter(i -> i.getExperimentId().equals(e.getId())).toList();
            List<Decision> ds = allDecisions.stream().filter(d -> d.getExperimentId().equals(e.getId())).toList();
            List<CheckIn> cs = allCheckIns.stream().filter(c -> c.getExperimentId().equals(e.getId())).toList();
            return new Portfolio.Row(e, its, ds, cs);
        }).toList();
        return new Portfolio(rows);
    }

    /** The experiments with their iterations, decisions and check-ins. */
    public record Portfolio(List<Row> experiments) {
        public record Row(Experiment experiment, List<Iteration> iterations, List<Decision> decisions,
                          List<CheckIn> checkIns) {

            /** The last measured value: the last learning card's, else the last check-in's. */
            public Double lastMetricValue() {
                Double learned = iterations.stream().map(Iteration::getObservedValue)
                        .filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
                if (learned != null && iterations.get(iterations.size() - 1).getObservedValue() != null) {
                    return learned;
                }
                return checkIns.stream().map(CheckIn::getMetricValue).filter(java.util.Objects::nonNull)
                        .reduce((a, b) -> b).orElse(learned);
            }

            public String lastDecision() {
                return decisions.isEmpty() ? null : decisions.get(decisions.size() - 1).getKind().name();
            }

            ExperimentSnapshot snapshot() {
                Experiment e = experiment;
                return new ExperimentSnapshot(e.getId(), e.getOrganizationId(), e.getTitle(), e.getStage().name(),
                        iterations.size(), lastDecision(), lastMetricValue(), e.getMetricUnit(), e.getUpdatedAt());
            }
        }
    }
}
