package org.cohorte.incubator.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface IterationRepository extends JpaRepository<Iteration, UUID> {

    List<Iteration> findByExperimentIdOrderByNumberAsc(UUID experimentId);

    Optional<Iteration> findFirstByExperimentIdOrderByNumberDesc(UUID experimentId);

    List<Iteration> findByExperimentIdInOrderByNumberAsc(Collection<UUID> experimentIds);
}
