package org.cohorte.codevelopment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.persistence.AssignedIdEntity;
import org.cohorte.base.time.EngineClock;

/** A question (and its answer), a consultation contribution, or a learning with its rating. */
@Entity
@Table(name = "codev_entry")
public class CodevEntry extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "session_id", nullable = false)
    private UUID sessionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private EntryKind kind;

    @Column(name = "author_id", nullable = false, length = 64)
    private String authorId;

    @Column(nullable = false, length = 5000)
    private String body;

    @Column(length = 5000)
    private String answer;

    private Integer rating;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected CodevEntry() {
    }

    public CodevEntry(UUID sessionId, EntryKind kind, String authorId, String body, Integer rating) {
        this.id = UUID.randomUUID();
        this.sessionId = sessionId;
        this.kind = kind;
        this.authorId = authorId;
        this.body = body;
        this.rating = rating;
        this.createdAt = EngineClock.now();
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getSessionId() {
        return sessionId;
    }

    public EntryKind getKind() {
        return kind;
    }

    public String getAuthorId() {
        return authorId;
    }

    public String getBody() {
        return body;
    }

    public String getAnswer() {
        return answer;
    }

    public void setAnswer(String answer) {
        this.answer = answer;
    }

    public Integer getRating() {
        return rating;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}
