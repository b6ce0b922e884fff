package org.cohorte.community.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

@Entity
@Table(name = "community_member")
public class CommunityMember {

    @Embeddable
    public record Key(@Column(name = "community_id") UUID communityId,
                      @Column(name = "user_id", length = 64) String userId) implements Serializable {
    }

    @EmbeddedId
    private Key id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private CommunityRole role;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    /** Secret in the member's calendar feed address; null until they ask for the feed. */
    @Column(name = "feed_token", length = 64)
    private String feedToken;

    /** True: e-mails come once a day as a digest; false: one e-mail per event. */
    @Column(name = "email_digest", nullable = false)
    private boolean emailDigest;

    protected CommunityMember() {
    }

    public CommunityMember(UUID communityId, String userId, CommunityRole role) {
        this.id = new Key(communityId, userId);
        this.role = role;
        this.joinedAt = EngineClock.now();
    }

    public UUID getCommunityId() {
        return id.communityId();
    }

    public String getUserId() {
        return id.userId();
    }

    public CommunityRole getRole() {
        return role;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public void setRole(CommunityRole role) {
        this.role = role;
    }

    public String getFeedToken() {
        return feedToken;
    }

    public void setFeedToken(String feedToken) {
        this.feedToken = feedToken;
    }

    public boolean isEmailDigest() {
        return emailDigest;
    }

    public void setEmailDigest(boolean emailDigest) {
        this.emailDigest = emailDigest;
    }
}
