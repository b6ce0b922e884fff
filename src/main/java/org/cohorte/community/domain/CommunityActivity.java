package org.cohorte.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.persistence.AssignedIdEntity;

/** An activity in a community's calendar: a monthly call, a workshop, a codevelopment session. */
@Entity
@Table(name = "community_activity")
public class CommunityActivity extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "community_id", nullable = false)
    private UUID communityId;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false, length = 40)
    private String kind;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "source_type", length = 40)
    private String sourceType;

    @Column(name = "source_id")
    private UUID sourceId;

    @Column(nullable = false)
    private boolean cancelled;

    @Version
    private long version;

    protected CommunityActivity() {
    }

    public CommunityActivity(UUID communityId, String sourceType, UUID sourceId) {
        this.id = UUID.randomUUID();
        this.communityId = communityId;
        this.sourceType = sourceType;
        this.sourceId = sourceId;
    }

    public void schedule(String title, String kind, Instant startsAt, Instant endsAt, boolean cancelled) {
        this.title = title;
        this.kind = kind;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.cancelled = cancelled;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getCommunityId() {
        return communityId;
    }

    public String getTitle() {
        return title;
    }

    public String getKind() {
        return kind;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public String getSourceType() {
        return sourceType;
    }

    public UUID getSourceId() {
        return sourceId;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
