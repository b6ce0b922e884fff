package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CodevParticipantRepository extends JpaRepository<CodevParticipant, CodevParticipant.Key> {
    List<CodevParticipant> findByIdSessionId(UUID sessionId);

    List<CodevParticipant> findByIdSessionIdIn(List<UUID> sessionIds);
}
