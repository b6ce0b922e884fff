package org.cohorte.community.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CommunityActivityRepository extends JpaRepository<CommunityActivity, UUID> {

    List<CommunityActivity> findByCommunityIdAndEndsAtAfterOrderByStartsAt(UUID communityId, Instant after);

    Optional<CommunityActivity> findBySourceTypeAndSourceId(String sourceType, UUID sourceId);

    List<CommunityActivity> findByCommunityIdAndCancelledFalseAndEndsAtAfterOrderByStartsAt(UUID communityId,
                                                                                           Instant after);
}
