package org.cohorte.community.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface KnowledgeArticleVersionRepository extends JpaRepository<KnowledgeArticleVersion, UUID> {

    List<KnowledgeArticleVersion> findByArticleIdOrderByVersionNumberDesc(UUID articleId);

    int countByArticleId(UUID articleId);
}
