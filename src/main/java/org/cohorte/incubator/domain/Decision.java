package org.cohorte.incubator.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

/** One committee decision, kept forever as the experiment's history. */
@Entity
@Table(name = "experiment_decision")
public class Decision {

    @Id
    private UUID id;
    @Column(name = "experiment_id", nullable = false)
    private UUID experimentId;
    @Column(name = "iteration_no")
    private Integer iterationNumber;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private DecisionKind kind;
    @Column(length = 20)
    private String suggestion;
    @Column(length = 4000)
    private String comment;
    @Column(name = "decided_by", nullable = false, length = 64)
    private String decidedBy;
    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected Decision() {
    }

    public Decision(UUID experimentId, Integer iterationNumber, DecisionKind kind, String suggestion, String comment,
                    String decidedBy) {
        this.id = UUID.randomUUID();
        this.experimentId = experimentId;
        this.iterationNumber = iterationNumber;
        this.kind = kind;
        this.suggestion = suggestion;
        this.comment = comment;
        this.decidedBy = decidedBy;
        this.decidedAt = EngineClock.now();
    }

    public UUID getId() { return id; }
    public UUID getExperimentId() { return experimentId; }
    public Integer getIterationNumber() { return iterationNumber; }
    public DecisionKind getKind() { return kind; }
    public String getSuggestion() { return suggestion; }
    public String getComment() { return comment; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
}
