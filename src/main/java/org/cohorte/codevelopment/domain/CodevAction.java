package org.cohorte.codevelopment.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.persistence.AssignedIdEntity;

/** One action of the client's plan, with its due date and, at follow-up, what came of it. */
@Entity
@Table(name = "codev_action")
public class CodevAction extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "session_id", nullable = false)
    private UUID sessionId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, length = 1000)
    private String body;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;

    @Column(length = 2000)
    private String outcome;

    protected CodevAction() {
    }

    public CodevAction(UUID sessionId, int position, String body, LocalDate dueDate) {
        this.id = UUID.randomUUID();
        this.sessionId = sessionId;
        this.position = position;
        this.body = body;
        this.dueDate = dueDate;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getSessionId() {
        return sessionId;
    }

    public int getPosition() {
        return position;
    }

    public String getBody() {
        return body;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }
}
