package org.cohorte.performance.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MeasurementRepository extends JpaRepository<Measurement, UUID> {

    Optional<Measurement> findByIndicatorIdAndPeriod(UUID indicatorId, String period);

    List<Measurement> findByIndicatorIdOrderByPeriodAsc(UUID indicatorId);

    List<Measurement> findByIndicatorIdInOrderByPeriodAsc(Collection<UUID> indicatorIds);

    List<Measurement> findByReviewId(UUID reviewId);
}
