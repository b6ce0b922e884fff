package org.cohorte.community.domain;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface KnowledgeArticleRepository extends JpaRepository<KnowledgeArticle, UUID> {

    List<KnowledgeArticle> findByCommunityIdOrderByUpdatedAtDesc(UUID communityId);

    List<KnowledgeArticle> findBySourceTypeAndSourceId(String sourceType, String sourceId);

    @org.springframework.data.jpa.repository.Query("select a from KnowledgeArticle a where a.communityId in :communities"
            + " and a.searchText like :pattern order by a.updatedAt desc")
    List<KnowledgeArticle> searchLike(java.util.Collection<UUID> communities, String pattern,
                                      org.springframework.data.domain.Pageable page);

    List<KnowledgeArticle> findBySearchText(String searchText);

    List<KnowledgeArticle> findTop10ByCommunityIdOrderByViewCountDesc(UUID communityId);

    @org.springframework.data.jpa.repository.Modifying
    @org.springframework.data.jpa.repository.Query("update KnowledgeArticle a set a.viewCount = a.viewCount + 1 where a.id = :id")
    int incrementViews(UUID id);
}
