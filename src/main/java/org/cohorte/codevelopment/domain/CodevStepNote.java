package org.cohorte.codevelopment.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.persistence.AssignedIdEntity;
import org.cohorte.base.time.EngineClock;

/**
 * The facilitator's free-form notes of one step of a session (the board's whiteboard). Optimistic locking: a save
 * made from an older text than the stored one is refused, never merged over it.
 */
@Entity
@Table(name = "codev_step_note")
public class CodevStepNote extends AssignedIdEntity<CodevStepNote.Key> {

    @Embeddable
    public record Key(@Column(name = "session_id") UUID sessionId, @Column(name = "step") int step)
            implements Serializable {
    }

    @EmbeddedId
    private Key id;

    @Column(length = 10000)
    private String body;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected CodevStepNote() {
    }

    public CodevStepNote(UUID sessionId, int step) {
        this.id = new Key(sessionId, step);
    }

    public void write(String body, String by) {
        this.body = body;
        this.updatedBy = by;
        this.updatedAt = EngineClock.now();
    }

    @Override
    public Key getId() {
        return id;
    }

    public int getStep() {
        return id.step();
    }

    public String getBody() {
        return body;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** What readers see as the note's revision: 0 before the first save, then 1, 2, … */
    public long getRevision() {
        return version + 1;
    }
}
