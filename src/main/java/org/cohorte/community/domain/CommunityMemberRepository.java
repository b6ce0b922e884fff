package org.cohorte.community.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CommunityMemberRepository extends JpaRepository<CommunityMember, CommunityMember.Key> {

    // Written out: Hibernate caches a JPQL query's plan, not a derived query's.
    @Query("select m from CommunityMember m where m.id.userId = :userId")
    List<CommunityMember> findByIdUserId(@Param("userId") String userId);

    /** Which of these people want a daily digest (in any of their communities). */
    @Query("select distinct m.id.userId from CommunityMember m where m.id.userId in :userIds and m.emailDigest = true")
    Set<String> digestReaders(@Param("userIds") Collection<String> userIds);

    @Query("select m from CommunityMember m where m.id.communityId = :communityId")
    List<CommunityMember> findByIdCommunityId(@Param("communityId") UUID communityId);

    java.util.Optional<CommunityMember> findByFeedToken(String feedToken);
}
