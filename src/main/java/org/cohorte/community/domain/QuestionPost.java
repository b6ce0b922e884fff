package org.cohorte.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

/** An answer to a question (possibly validated by an expert: "pratique validée"), or the asker's follow-up. */
@Entity
@Table(name = "community_post")
public class QuestionPost {

    @Id
    private UUID id;

    @Column(name = "question_id", nullable = false)
    private UUID questionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private PostKind kind;

    @Column(nullable = false, length = 64)
    private String author;

    /** Sanitised HTML. */
    @Column(nullable = false, length = 20000)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "validated_by", length = 64)
    private String validatedBy;

    @Column(name = "validated_at")
    private Instant validatedAt;

    protected QuestionPost() {
    }

    public QuestionPost(UUID questionId, PostKind kind, String author, String body) {
        this.id = UUID.randomUUID();
        this.questionId = questionId;
        this.kind = kind;
        this.author = author;
        this.body = body;
        this.createdAt = EngineClock.now();
    }

    public void validate(String expert) {
        this.validatedBy = expert;
        this.validatedAt = EngineClock.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getQuestionId() {
        return questionId;
    }

    public PostKind getKind() {
        return kind;
    }

    public String getAuthor() {
        return author;
    }

    public String getBody() {
        return body;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getValidatedBy() {
        return validatedBy;
    }

    public Instant getValidatedAt() {
        return validatedAt;
    }
}
