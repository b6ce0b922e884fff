package org.cohorte.performance.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** One organization's performance review for one period. */
@Entity
@Table(name = "perf_review")
public class Review {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 10)
    private String period;

    @Column(name = "period_end", nullable = false)
    private LocalDate periodEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ReviewStatus status;

    @Column(name = "started_by", nullable = false, length = 64)
    private String startedBy;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "signed_off_by", length = 64)
    private String signedOffBy;

    @Column(name = "signed_off_at")
    private Instant signedOffAt;

    @Column(name = "sign_off_comment", length = 4000)
    private String signOffComment;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Version
    private long version;

    protected Review() {
    }

    public Review(UUID organizationId, Period period, String startedBy) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.period = period.label();
        this.periodEnd = period.end();
        this.status = ReviewStatus.IN_PROGRESS;
        this.startedBy = startedBy;
        this.startedAt = EngineClock.now();
    }

    public void signOff(String userId, String comment) {
        this.signedOffBy = userId;
        this.signedOffAt = EngineClock.now();
        this.signOffComment = comment;
        this.status = ReviewStatus.SIGNED_OFF;
    }

    public void publish() {
        this.publishedAt = EngineClock.now();
        this.status = ReviewStatus.PUBLISHED;
    }

    public UUID getId() {
        return id;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getPeriod() {
        return period;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public ReviewStatus getStatus() {
        return status;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public String getSignedOffBy() {
        return signedOffBy;
    }

    public Instant getSignedOffAt() {
        return signedOffAt;
    }

    public String getSignOffComment() {
        return signOffComment;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public void setProcessInstanceId(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }
}
