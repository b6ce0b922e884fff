package org.cohorte.blocker.domain;

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

/** Something that stops an experiment or an indicator from moving, until someone removes it. */
@Entity
@Table(name = "blocker")
public class Blocker {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_type", nullable = false, length = 30)
    private BlockerSource sourceType;

    @Column(name = "source_id", nullable = false, length = 64)
    private String sourceId;

    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false, length = 10000)
    private String description;

    @Column(name = "declared_by", nullable = false, length = 64)
    private String declaredBy;

    @Column(name = "declared_at", nullable = false)
    private Instant declaredAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private BlockerStatus status;

    @Column(length = 64)
    private String assignee;

    @Column(length = 10000)
    private String resolution;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Version
    private long version;

    protected Blocker() {
    }

    public Blocker(BlockerSource sourceType, String sourceId, UUID organizationId, String title, String description,
                   String declaredBy) {
        this.id = UUID.randomUUID();
        this.sourceType = sourceType;
        this.sourceId = sourceId;
        this.organizationId = organizationId;
        this.title = title;
        this.description = description;
        this.declaredBy = declaredBy;
        this.declaredAt = EngineClock.now();
        this.status = BlockerStatus.OPEN;
    }

    public void assign(String assignee) {
        this.assignee = assignee;
        this.status = BlockerStatus.ASSIGNED;
    }

    public void resolve(String resolution) {
        this.resolution = resolution;
        this.resolvedAt = EngineClock.now();
        this.status = BlockerStatus.RESOLVED;
    }

    public void escalate() {
        this.escalatedAt = EngineClock.now();
        this.status = BlockerStatus.ESCALATED;
    }

    /** When the blocker should be lifted at the latest: its declaration plus the service level. */
    public Instant slaDueAt(java.time.Duration sla) {
        return declaredAt.plus(sla);
    }

    /** Whole days since it was declared. */
    public long ageInDays(Instant now) {
        return java.time.Duration.between(declaredAt, now).toDays();
    }

    public UUID getId() {
        return id;
    }

    public BlockerSource getSourceType() {
        return sourceType;
    }

    public String getSourceId() {
        return sourceId;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getDeclaredBy() {
        return declaredBy;
    }

    public Instant getDeclaredAt() {
        return declaredAt;
    }

    public BlockerStatus getStatus() {
        return status;
    }

    public String getAssignee() {
        return assignee;
    }

    public String getResolution() {
        return resolution;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public Instant getEscalatedAt() {
        return escalatedAt;
    }

    public long getVersion() {
        return version;
    }
}
