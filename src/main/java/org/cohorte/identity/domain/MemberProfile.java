package org.cohorte.identity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** What Cohorte keeps about a Camunda user: display name, organization, language. */
@Entity
@Table(name = "member_profile")
public class MemberProfile {

    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(nullable = false, length = 5)
    private String language;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The member's own zone id, or null for their organization's. */
    @Column(name = "time_zone", length = 64)
    private String timeZone;

    @Version
    private long version;

    protected MemberProfile() {
    }

    public MemberProfile(String userId, String displayName, UUID organizationId, String language) {
        this.userId = userId;
        this.displayName = displayName;
        this.organizationId = organizationId;
        this.language = language;
        this.createdAt = EngineClock.now();
    }

    public String getUserId() {
        return userId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(UUID organizationId) {
        this.organizationId = organizationId;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
