package org.cohorte.codevelopment.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

/** A member of a group. A member who leaves keeps their row (rotation history) but loses all access. */
@Entity
@Table(name = "codev_group_member")
public class CodevGroupMember {

    @Embeddable
    public record Key(@Column(name = "group_id") UUID groupId,
                      @Column(name = "user_id", length = 64) String userId) implements Serializable {
    }

    @EmbeddedId
    private Key id;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "left_at")
    private Instant leftAt;

    @Column(name = "charter_accepted_at")
    private Instant charterAcceptedAt;

    protected CodevGroupMember() {
    }

    public CodevGroupMember(UUID groupId, String userId) {
        this.id = new Key(groupId, userId);
        this.joinedAt = EngineClock.now();
    }

    public UUID getGroupId() {
        return id.groupId();
    }

    public String getUserId() {
        return id.userId();
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public Instant getLeftAt() {
        return leftAt;
    }

    public boolean isActive() {
        return leftAt == null;
    }

    public Instant getCharterAcceptedAt() {
        return charterAcceptedAt;
    }

    public boolean hasAcceptedCharter() {
        return charterAcceptedAt != null;
    }

    public void acceptCharter() {
        this.charterAcceptedAt = EngineClock.now();
    }

    public void leave() {
        this.leftAt = EngineClock.now();
    }

    /** Coming back is joining again: the charter must be accepted anew. */
    public void rejoin() {
        this.joinedAt = EngineClock.now();
        this.leftAt = null;
        this.charterAcceptedAt = null;
    }
}
