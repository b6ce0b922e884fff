package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CodevGroupRepository extends JpaRepository<CodevGroup, UUID> {
    List<CodevGroup> findByFacilitatorIdOrderByName(String facilitatorId);
}
