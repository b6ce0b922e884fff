package org.cohorte.incubator.service;

import java.util.List;

import org.cohorte.blocker.service.BlockerSummary;
import org.cohorte.incubator.domain.CheckIn;
import org.cohorte.incubator.domain.Decision;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.Iteration;

/** An experiment with everything that happened to it, for its detail page. */
public record ExperimentHistory(Experiment experiment, List<Iteration> iterations, List<CheckIn> checkIns,
                                List<Decision> decisions, List<BlockerSummary> blockers, boolean canPublish) {
}
