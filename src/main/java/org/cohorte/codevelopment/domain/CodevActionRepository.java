package org.cohorte.codevelopment.domain;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CodevActionRepository extends JpaRepository<CodevAction, UUID> {
    List<CodevAction> findBySessionIdOrderByPosition(UUID sessionId);

    /** Each session's number of actions, in one query for a whole history: rows of (sessionId, count). */
    @Query("select a.sessionId, count(a) from CodevAction a where a.sessionId in ?1 group by a.sessionId")
    List<Object[]> countBySessionIdIn(Collection<UUID> sessionIds);
}
