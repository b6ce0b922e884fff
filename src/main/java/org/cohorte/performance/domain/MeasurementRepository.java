package org.cohorte.performance.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MeasurementRepository extends JpaRepository<Measurement, UUID> {

    Optional<Measurement> findByIndicatorIdAndPeriod(UUID indicatorId, String period);

    List<Measurement> findByIndicatorIdOrderByPeriodAsc(UUID indicatorId);

    List<Measurement> findByIndicatorIdInOrderByPeriodAsc(Collection<UUID> indicatorIds);

    List<Measurement> findByReviewId(UUID reviewId);

    /** The stored values of some indicators for some periods: an import reads them once, not once per row. */
    List<Measurement> findByIndicatorIdInAndPeriodIn(Collection<UUID> indicatorIds, Collection<String> periods);

    /** Rated measurements of one period per organization and status (active indicators only). */
    @Query("select i.organizationId, m.status, count(m) from Measurement m, Indicator i where m.indicatorId = i.id"
            + " and i.organizationId in :ids and i.draft = false and m.period = :period and m.status is not null"
            + " group by i.organizationId, m.status")
    List<Object[]> countStatuses(@Param("ids") Collection<UUID> organizationIds, @Param("period") String period);
}
