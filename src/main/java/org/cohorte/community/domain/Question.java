package org.cohorte.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** A member's question to their community, with the 24-hour promise of a first answer. */
@Entity
@Table(name = "community_question")
public class Question {

    @Id
    private UUID id;

    @Column(name = "community_id", nullable = false)
    private UUID communityId;

    @Column(nullable = false, length = 300)
    private String title;

    /** Sanitised HTML. */
    @Column(nullable = false, length = 20000)
    private String body;

    @Column(nullable = false, length = 1000)
    private String tags;

    @Column(name = "asked_by", nullable = false, length = 64)
    private String askedBy;

    @Column(name = "asked_at", nullable = false)
    private Instant askedAt;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private QuestionStatus status;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private TriageDecision triage;

    @Column(length = 64)
    private String assignee;

    @Column(name = "article_id")
    private UUID articleId;

    @Column(name = "merged_into")
    private UUID mergedInto;

    @Column(name = "first_answer_at")
    private Instant firstAnswerAt;

    @Column(nullable = false)
    private boolean breached;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "view_count", nullable = false)
    private long viewCount;

    @Column(name = "search_text", nullable = false, length = 22000)
    private String searchText;

    @Version
    private long version;

    protected Question() {
    }

    public Question(UUID communityId, String title, String body, String tags, String askedBy, Instant dueAt) {
        this.id = UUID.randomUUID();
        this.communityId = communityId;
        this.title = title;
        this.body = body;
        this.tags = tags;
        this.askedBy = askedBy;
        this.askedAt = EngineClock.now();
        this.dueAt = dueAt;
        this.status = QuestionStatus.NEW;
        this.searchText = SearchText.of(title, tags, body);
    }

    public void triage(TriageDecision decision, String assignee) {
        this.triage = decision;
        this.assignee = assignee;
        this.status = QuestionStatus.OPEN;
    }

    public void answeredWithArticle(UUID articleId) {
        this.triage = TriageDecision.ARTICLE;
        this.articleId = articleId;
        firstAnswer();
    }

    /** Records an answer: the first one stops the promise's clock. */
    public void firstAnswer() {
        Instant now = EngineClock.now();
        if (firstAnswerAt == null) {
            firstAnswerAt = now;
            if (now.isAfter(dueAt)) {
                breached = true;
            }
        }
        status = QuestionStatus.ANSWERED;
    }

    public void reopen() {
        status = QuestionStatus.OPEN;
        closedAt = null;
    }

    public void accept() {
        status = QuestionStatus.ACCEPTED;
        closedAt = EngineClock.now();
    }

    public void mergeInto(UUID original) {
        this.triage = TriageDecision.MERGE;
        this.mergedInto = original;
        this.status = QuestionStatus.MERGED;
        this.closedAt = EngineClock.now();
    }

    /** The 24-hour promise passed with no answer: recorded once. */
    public void escalate() {
        if (escalatedAt == null) {
            escalatedAt = EngineClock.now();
        }
        if (firstAnswerAt == null) {
            breached = true;
        }
    }

    public void linkArticle(UUID articleId) {
        this.articleId = articleId;
    }

    public void viewed() {
        viewCount++;
    }

    public boolean isAwaitingFirstAnswer() {
        return firstAnswerAt == null && status != QuestionStatus.MERGED;
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

    public String getAskedBy() {
        return askedBy;
    }

    public Instant getAskedAt() {
        return askedAt;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public QuestionStatus getStatus() {
        return status;
    }

    public TriageDecision getTriage() {
        return triage;
    }

    public String getAssignee() {
        return assignee;
    }

    public UUID getArticleId() {
        return articleId;
    }

    public UUID getMergedInto() {
        return mergedInto;
    }

    public Instant getFirstAnswerAt() {
        return firstAnswerAt;
    }

    public boolean isBreached() {
        return breached;
    }

    public Instant getEscalatedAt() {
        return escalatedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public long getViewCount() {
        return viewCount;
    }

    public String getSearchText() {
        return searchText;
    }

    public long getVersion() {
        return version;
    }
}
