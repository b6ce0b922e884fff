package org.cohorte.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** An article of a community's knowledge base (its current text; every version is kept beside it). */
@Entity
@Table(name = "knowledge_article")
public class KnowledgeArticle {

    @Id
    private UUID id;

    @Column(name = "community_id", nullable = false)
    private UUID communityId;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false, length = 100000)
    private String body;

    /** Comma-separated, lower case. */
    @Column(nullable = false, length = 1000)
    private String tags;

    /** Where the article came from ("question", "codevelopment", "experiment"...), and that record's id. */
    @Column(name = "source_type", length = 30)
    private String sourceType;

    @Column(name = "source_id", length = 64)
    private String sourceId;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "view_count", nullable = false)
    private long viewCount;

    /** Title, tags and text without accents, case or markup: what search looks in (see SearchText). */
    @Column(name = "search_text", nullable = false, length = 101000)
    private String searchText = "";

    @Version
    private long version;

    protected KnowledgeArticle() {
    }

    public KnowledgeArticle(UUID communityId, String title, String body, String tags, String sourceType,
                            String sourceId, String author) {
        this.id = UUID.randomUUID();
        this.communityId = communityId;
        this.title = title;
        this.body = body;
        this.tags = tags;
        this.sourceType = sourceType;
        this.sourceId = sourceId;
        this.createdBy = author;
        this.updatedBy = author;
        this.createdAt = EngineClock.now();
        this.updatedAt = createdAt;
        this.searchText = SearchText.of(title, tags, body);
    }

    public void revise(String title, String body, String tags, String editor) {
        this.title = title;
        this.body = body;
        this.tags = tags;
        this.updatedBy = editor;
        this.updatedAt = EngineClock.now();
        this.searchText = SearchText.of(title, tags, body);
    }

    /** Recomputes the search text (articles stored before it existed). */
    public void refreshSearchText() {
        this.searchText = SearchText.of(title, tags, body);
    }

    public String getSearchText() {
        return searchText;
    }

    public UUID getId() {
        return id;
    }

    public UUID getCommunityId() {
        return communityId;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public String getTags() {
        return tags;
    }

    public String getSourceType() {
        return sourceType;
    }

    public String getSourceId() {
        return sourceId;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getViewCount() {
        return viewCount;
    }

    public long getVersion() {
        return version;
    }
}
