package org.cohorte.incubator.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

/** A weekly check-in during a run: what the team saw, the metric so far, and a blocker if any. */
@Entity
@Table(name = "experiment_check_in")
public class CheckIn {

    @Id
    private UUID id;
    @Column(name = "experiment_id", nullable = false)
    private UUID experimentId;
    @Column(name = "iteration_no", nullable = false)
    private int iterationNumber;
    @Column(name = "week_no", nullable = false)
    private int week;
    @Column(nullable = false, length = 4000)
    private String observations;
    @Column(name = "metric_value")
    private Double metricValue;
    @Column(name = "blocker_id")
    private UUID blockerId;
    @Column(nullable = false, length = 64)
    private String author;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected CheckIn() {
    }

    public CheckIn(UUID experimentId, int iterationNumber, int week, String observations, Double metricValue,
                   UUID blockerId, String author) {
        this.id = UUID.randomUUID();
        this.experimentId = experimentId;
        this.iterationNumber = iterationNumber;
        this.week = week;
        this.observations = observations;
        this.metricValue = metricValue;
        this.blockerId = blockerId;
        this.author = author;
        this.recordedAt = EngineClock.now();
    }

    public UUID getId() { return id; }
    public UUID getExperimentId() { return experimentId; }
    public int getIterationNumber() { return iterationNumber; }
    public int getWeek() { return week; }
    public String getObservations() { return observations; }
    public Double getMetricValue() { return metricValue; }
    public UUID getBlockerId() { return blockerId; }
    public String getAuthor() { return author; }
    public Instant getRecordedAt() { return recordedAt; }
}
