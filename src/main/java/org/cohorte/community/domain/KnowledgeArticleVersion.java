package org.cohorte.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

/** One saved state of an article: who, when, what it said, and why it changed. Never updated. */
@Entity
@Table(name = "knowledge_article_version")
public class KnowledgeArticleVersion {

    @Id
    private UUID id;

    @Column(name = "article_id", nullable = false)
    private UUID articleId;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false, length = 100000)
    private String body;

    @Column(nullable = false, length = 1000)
    private String tags;

    @Column(name = "edited_by", nullable = false, length = 64)
    private String editedBy;

    @Column(name = "edited_at", nullable = false)
    private Instant editedAt;

    @Column(name = "change_note", length = 500)
    private String changeNote;

    protected KnowledgeArticleVersion() {
    }

    public KnowledgeArticleVersion(KnowledgeArticle article, int versionNumber, String changeNote) {
        this.id = UUID.randomUUID();
        this.articleId = article.getId();
        this.versionNumber = versionNumber;
        this.title = article.getTitle();
        this.body = article.getBody();
        this.tags = article.getTags();
        this.editedBy = article.getUpdatedBy();
        this.editedAt = EngineClock.now();
        this.changeNote = changeNote;
    }

    public UUID getId() {
        return id;
    }

    public UUID getArticleId() {
        return articleId;
    }

    public int getVersionNumber() {
        return versionNumber;
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

    public String getEditedBy() {
        return editedBy;
    }

    public Instant getEditedAt() {
        return editedAt;
    }

    public String getChangeNote() {
        return changeNote;
    }
}
