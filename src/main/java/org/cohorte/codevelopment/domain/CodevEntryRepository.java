package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CodevEntryRepository extends JpaRepository<CodevEntry, UUID> {
    // Written out: Hibernate caches a JPQL query's plan, not a derived query's, and every board reads this.
    @Query("select e from CodevEntry e where e.sessionId = :sessionId order by e.createdAt, e.id")
    List<CodevEntry> findBySessionIdOrderByCreatedAtAscIdAsc(@Param("sessionId") UUID sessionId);

    List<CodevEntry> findBySessionIdIn(List<UUID> sessionIds);
}
