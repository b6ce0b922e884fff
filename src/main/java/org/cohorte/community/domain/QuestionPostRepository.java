package org.cohorte.community.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface QuestionPostRepository extends JpaRepository<QuestionPost, UUID> {

    List<QuestionPost> findByQuestionIdOrderByCreatedAt(UUID questionId);

    List<QuestionPost> findByQuestionIdInAndCreatedAtGreaterThanEqualAndCreatedAtLessThan(Collection<UUID> questionIds,
                                                                                         Instant from, Instant to);
}
