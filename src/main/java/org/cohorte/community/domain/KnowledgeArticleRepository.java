package org.cohorte.community.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface KnowledgeArticleRepository extends JpaRepository<KnowledgeArticle, UUID> {

    List<KnowledgeArticle> findByCommunityIdOrderByUpdatedAtDesc(UUID communityId);

    List<KnowledgeArticle> findBySourceTypeAndSourceId(String sourceType, String sourceId);
}
