package org.cohorte.community.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CommunityMemberRepository extends JpaRepository<CommunityMember, CommunityMember.Key> {

    List<CommunityMember> findByIdUserId(String userId);

    List<CommunityMember> findByIdCommunityId(UUID communityId);

    java.util.Optional<CommunityMember> findByFeedToken(String feedToken);
}
