package org.cohorte.incubator.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CheckInRepository extends JpaRepository<CheckIn, UUID> {

    List<CheckIn> findByExperimentIdOrderByRecordedAtAsc(UUID experimentId);

    List<CheckIn> findByExperimentIdInOrderByRecordedAtAsc(Collection<UUID> experimentIds);

    long countByExperimentIdAndIterationNumber(UUID experimentId, int iterationNumber);
}
