package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CodevSessionRepository extends JpaRepository<CodevSession, UUID> {
    List<CodevSession> findByGroupIdOrderByScheduledAtDesc(UUID groupId);
}
