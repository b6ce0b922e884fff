package org.cohorte.community.domain;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The expert on duty ("pilote de garde") for one community during one week (starting on Monday). */
@Entity
@Table(name = "community_duty")
public class DutyAssignment {

    @Embeddable
    public record Key(@Column(name = "community_id") UUID communityId,
                      @Column(name = "week_start") LocalDate weekStart) implements Serializable {
    }

    @EmbeddedId
    private Key id;

    @Column(name = "expert_id", nullable = false, length = 64)
    private String expertId;

    protected DutyAssignment() {
    }

    public DutyAssignment(UUID communityId, LocalDate weekStart, String expertId) {
        this.id = new Key(communityId, weekStart);
        this.expertId = expertId;
    }

    public LocalDate getWeekStart() {
        return id.weekStart();
    }

    public String getExpertId() {
        return expertId;
    }

    public void setExpertId(String expertId) {
        this.expertId = expertId;
    }
}
