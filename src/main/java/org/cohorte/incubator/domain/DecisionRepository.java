package org.cohorte.incubator.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DecisionRepository extends JpaRepository<Decision, UUID> {

    List<Decision> findByExperimentIdOrderByDecidedAtAsc(UUID experimentId);

    List<Decision> findByExperimentIdInOrderByDecidedAtAsc(Collection<UUID> experimentIds);
}
