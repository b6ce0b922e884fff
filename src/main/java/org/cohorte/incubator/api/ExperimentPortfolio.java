package org.cohorte.incubator.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the incubator tells the steering room and the forum about experiments, implemented by the incubator
 * feature. The implementation applies the incubator's confidentiality: counts cover every experiment,
 * snapshots only those the signed-in user may see (published ones for the forum).
 */
public interface ExperimentPortfolio {

    /** Number of experiments per stage for these organizations (all organizations when empty). */
    Map<String, Long> countsByStage(Collection<UUID> organizationIds);

    /** The experiments of these organizations (all when empty) that the signed-in user may see. */
    List<ExperimentSnapshot> visibleSnapshots(Collection<UUID> organizationIds);
}
