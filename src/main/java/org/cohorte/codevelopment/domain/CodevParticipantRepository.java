package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CodevParticipantRepository extends JpaRepository<CodevParticipant, CodevParticipant.Key> {
    // Written out: Hibernate caches a JPQL query's plan, not a derived query's, and the session process reads this often.
    @Query("select p from CodevParticipant p where p.id.sessionId = :sessionId")
    List<CodevParticipant> findByIdSessionId(@Param("sessionId") UUID sessionId);

    List<CodevParticipant> findByIdSessionIdIn(List<UUID> sessionIds);
}
