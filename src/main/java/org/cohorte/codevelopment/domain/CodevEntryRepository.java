package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CodevEntryRepository extends JpaRepository<CodevEntry, UUID> {
    List<CodevEntry> findBySessionIdOrderByCreatedAtAscIdAsc(UUID sessionId);

    List<CodevEntry> findBySessionIdIn(List<UUID> sessionIds);
}
