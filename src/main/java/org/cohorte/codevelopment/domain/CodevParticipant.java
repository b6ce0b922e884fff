package org.cohorte.codevelopment.domain;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.cohorte.base.persistence.AssignedIdEntity;

/** Who takes part in a session, as client or consultant, and whether they were present. */
@Entity
@Table(name = "codev_participant")
public class CodevParticipant extends AssignedIdEntity<CodevParticipant.Key> {

    @Embeddable
    public record Key(@Column(name = "session_id") UUID sessionId,
                      @Column(name = "user_id", length = 64) String userId) implements Serializable {
    }

    @EmbeddedId
    private Key id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ParticipantRole role;

    @Column(nullable = false)
    private boolean present;

    protected CodevParticipant() {
    }

    public CodevParticipant(UUID sessionId, String userId, ParticipantRole role) {
        this.id = new Key(sessionId, userId);
        this.role = role;
        this.present = true;
    }

    @Override
    public Key getId() {
        return id;
    }

    public UUID getSessionId() {
        return id.sessionId();
    }

    public String getUserId() {
        return id.userId();
    }

    public ParticipantRole getRole() {
        return role;
    }

    public boolean isPresent() {
        return present;
    }

    public void setPresent(boolean present) {
        this.present = present;
    }
}
