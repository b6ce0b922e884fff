package org.cohorte.performance.domain;

import java.time.Instant;
import java.time.LocalDate;
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

/** An indicator's value for one period, with its comment, evidence, validation and status. */
@Entity
@Table(name = "perf_measurement")
public class Measurement extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "indicator_id", nullable = false)
    private UUID indicatorId;

    @Column(name = "review_id")
    private UUID reviewId;

    @Column(nullable = false, length = 10)
    private String period;

    @Column(name = "period_end", nullable = false)
    private LocalDate periodEnd;

    @Column(name = "measured_value")
    private Double value;

    @Column(length = 4000)
    private String comment;

    @Column(name = "evidence_url", length = 1000)
    private String evidenceUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private MeasurementState state;

    @Enumerated(EnumType.STRING)
    @Column(length = 12)
    private IndicatorStatus status;

    @Column
    private Double progress;

    @Column(name = "action_plan", length = 4000)
    private String actionPlan;

    @Column(name = "send_back_reason", length = 2000)
    private String sendBackReason;

    @Column(name = "entered_by", length = 64)
    private String enteredBy;

    @Column(name = "entered_at")
    private Instant enteredAt;

    @Column(name = "validated_by", length = 64)
    private String validatedBy;

    @Column(name = "validated_at")
    private Instant validatedAt;

    @Version
    private long version;

    protected Measurement() {
    }

    public Measurement(UUID indicatorId, UUID reviewId, Period period) {
        this.id = UUID.randomUUID();
        this.indicatorId = indicatorId;
        this.reviewId = reviewId;
        this.period = period.label();
        this.periodEnd = period.end();
        this.state = MeasurementState.PENDING;
    }

    public void enter(double value, String comment, String evidenceUrl, String userId) {
        this.value = value;
        this.comment = comment;
        this.evidenceUrl = evidenceUrl;
        this.enteredBy = userId;
        this.enteredAt = EngineClock.now();
        this.state = MeasurementState.SUBMITTED;
    }

    public void attachTo(UUID reviewId) {
        this.reviewId = reviewId;
    }

    /** A value brought in by an .xlsx import, before or outside a review. */
    public void importValue(double value, String comment, String evidenceUrl, String userId) {
        enter(value, comment, evidenceUrl, userId);
    }

    public void sendBack(String reason, String userId) {
        this.sendBackReason = reason;
        this.validatedBy = userId;
        this.validatedAt = EngineClock.now();
        this.state = MeasurementState.SENT_BACK;
    }

    public void accept(String userId) {
        this.validatedBy = userId;
        this.validatedAt = EngineClock.now();
        this.state = MeasurementState.ACCEPTED;
    }

    public void rate(IndicatorStatus status, Double progress) {
        this.status = status;
        this.progress = progress;
    }

    public void setActionPlan(String actionPlan) {
        this.actionPlan = actionPlan;
    }

    public UUID getId() {
        return id;
    }

    public UUID getIndicatorId() {
        return indicatorId;
    }

    public UUID getReviewId() {
        return reviewId;
    }

    public String getPeriod() {
        return period;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public Double getValue() {
        return value;
    }

    public String getComment() {
        return comment;
    }

    public String getEvidenceUrl() {
        return evidenceUrl;
    }

    public MeasurementState getState() {
        return state;
    }

    public IndicatorStatus getStatus() {
        return status;
    }

    public Double getProgress() {
        return progress;
    }

    public String getActionPlan() {
        return actionPlan;
    }

    public String getSendBackReason() {
        return sendBackReason;
    }

    public String getEnteredBy() {
        return enteredBy;
    }

    public Instant getEnteredAt() {
        return enteredAt;
    }

    public String getValidatedBy() {
        return validatedBy;
    }

    public Instant getValidatedAt() {
        return validatedAt;
    }
}
