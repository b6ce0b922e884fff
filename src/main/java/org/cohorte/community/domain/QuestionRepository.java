package org.cohorte.community.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface QuestionRepository extends JpaRepository<Question, UUID> {

    List<Question> findByCommunityIdOrderByAskedAtDesc(UUID communityId, Pageable page);

    List<Question> findByArticleId(UUID articleId);

    List<Question> findByAskedByOrderByAskedAtDesc(String askedBy);

    /** Questions still waiting for a first answer in these communities, the nearest promise first. */
    @Query("select q from Question q where q.communityId in :communities and q.firstAnswerAt is null"
            + " and q.status in :statuses order by q.dueAt asc")
    List<Question> awaitingFirstAnswer(Collection<UUID> communities, Collection<QuestionStatus> statuses);

    List<Question> findByCommunityIdAndAskedAtGreaterThanEqualAndAskedAtLessThan(UUID communityId, Instant from,
                                                                                 Instant to);

    @Query("select q from Question q where q.communityId in :communities and q.searchText like :pattern"
            + " order by q.askedAt desc")
    List<Question> searchLike(Collection<UUID> communities, String pattern, Pageable page);
}
