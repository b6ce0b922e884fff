package org.cohorte.incubator.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

/** One loop of an experiment: its test card, then its learning card. A pivot starts the next one. */
@Entity
@Table(name = "experiment_iteration")
public class Iteration {

    @Id
    private UUID id;
    @Column(name = "experiment_id", nullable = false)
    private UUID experimentId;
    @Column(name = "iteration_no", nullable = false)
    private int number;
    @Column(name = "we_believe", nullable = false, length = 4000)
    private String weBelieve;
    @Column(name = "we_will", nullable = false, length = 4000)
    private String weWill;
    @Column(name = "we_measure", nullable = false, length = 4000)
    private String weMeasure;
    @Column(name = "we_are_right_if", nullable = false, length = 4000)
    private String weAreRightIf;
    @Column(name = "started_at", nullable = false)
    private Instant startedAt;
    @Column(name = "observed_value")
    private Double observedValue;
    @Column(length = 4000)
    private String insights;
    @Column(length = 4000)
    private String actions;
    @Column(name = "learning_at")
    private Instant learningAt;
    @Column(length = 20)
    private String suggestion;
    @Column(name = "knowledge_article_id")
    private UUID knowledgeArticleId;
    @Column(name = "closed_early_at")
    private Instant closedEarlyAt;
    @Column(name = "closed_early_by", length = 64)
    private String closedEarlyBy;
    @Column(name = "closed_early_reason", length = 4000)
    private String closedEarlyReason;

    protected Iteration() {
    }

    public Iteration(UUID experimentId, int number, String weBelieve, String weWill, String weMeasure,
                     String weAreRightIf) {
        this.id = UUID.randomUUID();
        this.experimentId = experimentId;
        this.number = number;
        this.weBelieve = weBelieve;
        this.weWill = weWill;
        this.weMeasure = weMeasure;
        this.weAreRightIf = weAreRightIf;
        this.startedAt = EngineClock.now();
    }

    public void learn(double observedValue, String insights, String actions) {
        this.observedValue = observedValue;
        this.insights = insights;
        this.actions = actions;
        this.learningAt = EngineClock.now();
    }

    public void setSuggestion(String suggestion) {
        this.suggestion = suggestion;
    }

    /** The run was closed before the end of its period, by someone, for a reason. */
    public void closeEarly(String by, String reason) {
        this.closedEarlyAt = EngineClock.now();
        this.closedEarlyBy = by;
        this.closedEarlyReason = reason;
    }

    public void setKnowledgeArticleId(UUID knowledgeArticleId) {
        this.knowledgeArticleId = knowledgeArticleId;
    }

    public UUID getId() { return id; }
    public UUID getExperimentId() { return experimentId; }
    public int getNumber() { return number; }
    public String getWeBelieve() { return weBelieve; }
    public String getWeWill() { return weWill; }
    public String getWeMeasure() { return weMeasure; }
    public String getWeAreRightIf() { return weAreRightIf; }
    public Instant getStartedAt() { return startedAt; }
    public Double getObservedValue() { return observedValue; }
    public String getInsights() { return insights; }
    public String getActions() { return actions; }
    public Instant getLearningAt() { return learningAt; }
    public String getSuggestion() { return suggestion; }
    public UUID getKnowledgeArticleId() { return knowledgeArticleId; }
    public Instant getClosedEarlyAt() { return closedEarlyAt; }
    public String getClosedEarlyBy() { return closedEarlyBy; }
    public String getClosedEarlyReason() { return closedEarlyReason; }
}
