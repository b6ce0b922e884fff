package org.cohorte.community.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface QuestionFollowerRepository extends JpaRepository<QuestionFollower, QuestionFollower.Key> {

    List<QuestionFollower> findByIdQuestionId(UUID questionId);
}
