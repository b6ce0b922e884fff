package org.cohorte.codevelopment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** A codevelopment group: 4 to 8 peers of one community, a facilitator and a confidentiality charter. */
@Entity
@Table(name = "codev_group")
public class CodevGroup {

    @Id
    private UUID id;

    @Column(name = "community_id", nullable = false)
    private UUID communityId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 10000)
    private String charter;

    @Column(name = "no_hierarchy", nullable = false)
    private boolean noHierarchy;

    @Column(name = "facilitator_id", nullable = false, length = 64)
    private String facilitatorId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Days a closed case is kept before its text is erased; null: the global default (CaseRetention). */
    @Column(name = "case_retention_days")
    private Integer caseRetentionDays;

    @Version
    private long version;

    protected CodevGroup() {
    }

    public CodevGroup(UUID communityId, String name, String charter, boolean noHierarchy, String facilitatorId) {
        this.id = UUID.randomUUID();
        this.communityId = communityId;
        this.name = name;
        this.charter = charter;
        this.noHierarchy = noHierarchy;
        this.facilitatorId = facilitatorId;
        this.createdAt = EngineClock.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getCommunityId() {
        return communityId;
    }

    public String getName() {
        return name;
    }

    public String getCharter() {
        return charter;
    }

    public boolean isNoHierarchy() {
        return noHierarchy;
    }

    public String getFacilitatorId() {
        return facilitatorId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Integer getCaseRetentionDays() {
        return caseRetentionDays;
    }

    public void setCaseRetentionDays(Integer caseRetentionDays) {
        this.caseRetentionDays = caseRetentionDays;
    }
}
