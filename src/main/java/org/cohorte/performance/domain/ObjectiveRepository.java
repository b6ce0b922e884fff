package org.cohorte.performance.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ObjectiveRepository extends JpaRepository<Objective, UUID> {

    List<Objective> findByOrganizationIdOrderByTitleAsc(UUID organizationId);

    List<Objective> findByOrganizationIdInOrderByTitleAsc(Collection<UUID> organizationIds);
}
