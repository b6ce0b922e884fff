package org.cohorte.performance.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.persistence.AssignedIdEntity;
import org.cohorte.base.time.EngineClock;

/** What is measured for an objective: from a baseline (value, date) to a target (value, date). */
@Entity
@Table(name = "perf_indicator")
public class Indicator extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "objective_id", nullable = false)
    private UUID objectiveId;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false, length = 300)
    private String name;

    @Column(nullable = false, length = 40)
    private String unit;

    @Column(name = "baseline_value", nullable = false)
    private double baselineValue;

    @Column(name = "baseline_date", nullable = false)
    private LocalDate baselineDate;

    @Column(name = "target_value", nullable = false)
    private double targetValue;

    @Column(name = "target_date", nullable = false)
    private LocalDate targetDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Frequency frequency;

    @Column(name = "owner_id", nullable = false, length = 64)
    private String ownerId;

    @Column(name = "validator_id", nullable = false, length = 64)
    private String validatorId;

    @Column(nullable = false)
    private boolean draft;

    @Column(name = "source_experiment_id")
    private UUID sourceExperimentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Indicator() {
    }

    public Indicator(UUID objectiveId, UUID organizationId, IndicatorDefinition definition) {
        this.id = UUID.randomUUID();
        this.objectiveId = objectiveId;
        this.organizationId = organizationId;
        this.createdAt = EngineClock.now();
        apply(definition);
    }

    /** The fields a manager sets, as a form or an import row gives them. */
    public IndicatorDefinition definition() {
        return new IndicatorDefinition(name, unit, baselineValue, baselineDate, targetValue, targetDate, direction,
                frequency, ownerId, validatorId);
    }

    public void apply(IndicatorDefinition d) {
        this.name = d.name();
        this.unit = d.unit();
        this.baselineValue = d.baselineValue();
        this.baselineDate = d.baselineDate();
        this.targetValue = d.targetValue();
        this.targetDate = d.targetDate();
        this.direction = d.direction();
        this.frequency = d.frequency();
        this.ownerId = d.ownerId();
        this.validatorId = d.validatorId();
    }

    /** The share of the way from baseline to target that a value represents (null when they are equal). */
    public Double progressOf(double value) {
        if (targetValue == baselineValue) {
            return null;
        }
        return (value - baselineValue) / (targetValue - baselineValue);
    }

    /** How far along the straight path from baseline date to target date a date lies (0 at baseline, 1 at target). */
    public double elapsedAt(LocalDate date) {
        long total = ChronoUnit.DAYS.between(baselineDate, targetDate);
        if (total <= 0) {
            return date.isBefore(targetDate) ? 0 : 1;
        }
        return Math.max(0, (double) ChronoUnit.DAYS.between(baselineDate, date) / total);
    }

    public UUID getId() {
        return id;
    }

    public UUID getObjectiveId() {
        return objectiveId;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getName() {
        return name;
    }

    public String getUnit() {
        return unit;
    }

    public double getBaselineValue() {
        return baselineValue;
    }

    public LocalDate getBaselineDate() {
        return baselineDate;
    }

    public double getTargetValue() {
        return targetValue;
    }

    public LocalDate getTargetDate() {
        return targetDate;
    }

    public Direction getDirection() {
        return direction;
    }

    public Frequency getFrequency() {
        return frequency;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public String getValidatorId() {
        return validatorId;
    }

    public boolean isDraft() {
        return draft;
    }

    public void setDraft(boolean draft) {
        this.draft = draft;
    }

    public UUID getSourceExperimentId() {
        return sourceExperimentId;
    }

    public void setSourceExperimentId(UUID sourceExperimentId) {
        this.sourceExperimentId = sourceExperimentId;
    }

    public long getVersion() {
        return version;
    }
}
