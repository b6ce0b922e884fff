package org.cohorte.codevelopment.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CodevSessionRepository extends JpaRepository<CodevSession, UUID> {
    // Written out: Hibernate caches a JPQL query's plan, not a derived query's.
    @Query("select s from CodevSession s where s.groupId = :groupId order by s.scheduledAt desc")
    List<CodevSession> findByGroupIdOrderByScheduledAtDesc(@Param("groupId") UUID groupId);

    /**
     * The session, its group and the user's membership of it (null if none), in one query: every click on a session
     * checks all three, and each entity found here is then read from the persistence context, not the database.
     */
    @Query("select s, g, m from CodevSession s join CodevGroup g on g.id = s.groupId"
            + " left join CodevGroupMember m on m.id.groupId = s.groupId and m.id.userId = :userId where s.id = :id")
    List<Object[]> findWithGroupAndMembership(@Param("id") UUID id, @Param("userId") String userId);
}
