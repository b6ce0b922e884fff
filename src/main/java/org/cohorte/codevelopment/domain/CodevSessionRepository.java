package org.cohorte.codevelopment.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CodevSessionRepository extends JpaRepository<CodevSession, UUID> {
    // Written out: Hibernate caches a JPQL query's plan, not a derived query's.
    @Query("select s from CodevSession s where s.groupId = :groupId order by s.scheduledAt desc")
    List<CodevSession> findByGroupIdOrderByScheduledAtDesc(@Param("groupId") UUID groupId);

    /** Client and date of each session of a group not in these states: all the rotation reads, not the cases. */
    @Query("select s.clientId, s.scheduledAt from CodevSession s where s.groupId = :groupId and s.status not in :excluded")
    List<Object[]> clientTurns(@Param("groupId") UUID groupId, @Param("excluded") Collection<SessionStatus> excluded);

    /** Sessions of a group held before {@code at}, still open, whose follow-up falls after it. */
    @Query("select s from CodevSession s where s.groupId = :groupId and s.scheduledAt <= :at and s.followUpAt > :at"
            + " and s.status not in :excluded")
    List<CodevSession> followUpsAfter(@Param("groupId") UUID groupId, @Param("at") Instant at,
                                      @Param("excluded") Collection<SessionStatus> excluded);

    /**
     * The session, its group's facilitator and the user's membership of the group (null if none), in one query: the
     * clicks that change a session check them on the entity they then change.
     */
    @Query("select s, g.facilitatorId, m from CodevSession s join CodevGroup g on g.id = s.groupId"
            + " left join CodevGroupMember m on m.id.groupId = s.groupId and m.id.userId = :userId where s.id = :id")
    List<Object[]> findWithGroupAndMembership(@Param("id") UUID id, @Param("userId") String userId);

    /** Only the link: a bulk update leaves the session's version alone (no collision with a step moving on). */
    @Modifying
    @Query("update CodevSession s set s.videoUrl = :url where s.id = :id")
    int changeVideoUrl(@Param("id") UUID id, @Param("url") String url);
}
