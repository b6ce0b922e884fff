package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CodevStepNoteRepository extends JpaRepository<CodevStepNote, CodevStepNote.Key> {
    // Written out: Hibernate caches a JPQL query's plan, not a derived query's, and every board reads this.
    @Query("select n from CodevStepNote n where n.id.sessionId = :sessionId order by n.id.step")
    List<CodevStepNote> findBySessionId(@Param("sessionId") UUID sessionId);
}
