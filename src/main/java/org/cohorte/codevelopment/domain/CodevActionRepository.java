package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CodevActionRepository extends JpaRepository<CodevAction, UUID> {
    List<CodevAction> findBySessionIdOrderByPosition(UUID sessionId);
}
