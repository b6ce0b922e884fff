package org.cohorte.codevelopment.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.persistence.AssignedIdEntity;
import org.cohorte.base.time.EngineClock;

/**
 * One codevelopment session and its case. Optimistic locking ({@link #version}) makes two people writing
 * the same step at once safe: one wins, the other is told and keeps what they typed.
 */
@Entity
@Table(name = "codev_session")
public class CodevSession extends AssignedIdEntity<UUID> {

    public static final int STEPS = 6;

    @Id
    private UUID id;

    @Column(name = "group_id", nullable = false)
    private UUID groupId;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "facilitator_id", nullable = false, length = 64)
    private String facilitatorId;

    @Column(name = "scheduled_at", nullable = false)
    private Instant scheduledAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private SessionMode mode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private SessionStatus status;

    @Column(name = "current_step", nullable = false)
    private int currentStep;

    @Column(name = "step_started_at")
    private Instant stepStartedAt;

    @Column(name = "step_ends_at")
    private Instant stepEndsAt;

    /** The six timeboxes in minutes, comma-separated. */
    @Column(nullable = false, length = 100)
    private String timeboxes;

    @Column(name = "follow_up_at", nullable = false)
    private Instant followUpAt;

    @Column(name = "suggested_client_id", length = 64)
    private String suggestedClientId;

    @Column(name = "override_reason", length = 1000)
    private String overrideReason;

    @Column(name = "cancel_reason", length = 1000)
    private String cancelReason;

    @Column(name = "case_title", length = 300)
    private String caseTitle;

    @Column(name = "case_context", length = 10000)
    private String caseContext;

    @Column(name = "case_tried", length = 10000)
    private String caseTried;

    @Column(name = "case_stakes", length = 10000)
    private String caseStakes;

    @Column(length = 2000)
    private String contract;

    @Column(length = 10000)
    private String synthesis;

    @Column(nullable = false)
    private boolean consent;

    @Column(name = "follow_up_report", length = 10000)
    private String followUpReport;

    /** The session's video call (https), set at launch or later by the facilitator; null when none. */
    @Column(name = "video_url", length = 500)
    private String videoUrl;

    @Column(name = "learning_note_id")
    private UUID learningNoteId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    private long version;

    protected CodevSession() {
    }

    public CodevSession(UUID groupId, String clientId, String facilitatorId, Instant scheduledAt, SessionMode mode,
                        List<Integer> timeboxMinutes, Instant followUpAt, String suggestedClientId, String overrideReason) {
        this.id = UUID.randomUUID();
        this.groupId = groupId;
        this.clientId = clientId;
        this.facilitatorId = facilitatorId;
        this.scheduledAt = scheduledAt;
        this.mode = mode;
        this.status = SessionStatus.PREPARATION;
        this.timeboxes = timeboxMinutes.stream().map(String::valueOf).collect(Collectors.joining(","));
        this.followUpAt = followUpAt;
        this.suggestedClientId = suggestedClientId;
        this.overrideReason = overrideReason;
        this.createdAt = EngineClock.now();
    }

    public List<Integer> getTimeboxes() {
        return Arrays.stream(timeboxes.split(",")).map(Integer::valueOf).toList();
    }

    public Duration timebox(int step) {
        return Duration.ofMinutes(getTimeboxes().get(step - 1));
    }

    /** Enters a step: its clock starts now. */
    public void enterStep(int step) {
        this.status = SessionStatus.RUNNING;
        this.currentStep = step;
        this.stepStartedAt = EngineClock.now();
        this.stepEndsAt = stepStartedAt.plus(timebox(step));
    }

    public void extendStep(Duration extra) {
        this.stepEndsAt = (stepEndsAt == null ? EngineClock.now() : stepEndsAt).plus(extra);
    }

    public void finishSteps() {
        this.status = SessionStatus.FOLLOW_UP;
        this.currentStep = STEPS + 1;
        this.stepEndsAt = null;
        this.closedAt = EngineClock.now();
    }

    public void cancel(String reason) {
        this.status = SessionStatus.CANCELLED;
        this.cancelReason = reason;
        this.stepEndsAt = null;
    }

    public void close() {
        this.status = SessionStatus.CLOSED;
    }

    public boolean isOpen() {
        return status == SessionStatus.PREPARATION || status == SessionStatus.RUNNING;
    }

    public void setCase(String title, String context, String tried, String stakes) {
        this.caseTitle = title;
        this.caseContext = context;
        this.caseTried = tried;
        this.caseStakes = stakes;
    }

    public void setContract(String contract) {
        this.contract = contract;
    }

    public void setSynthesis(String synthesis, boolean consent) {
        this.synthesis = synthesis;
        this.consent = consent;
    }

    public void setFollowUpReport(String followUpReport) {
        this.followUpReport = followUpReport;
    }

    public void setFollowUpAt(Instant followUpAt) {
        this.followUpAt = followUpAt;
    }

    public void setLearningNoteId(UUID learningNoteId) {
        this.learningNoteId = learningNoteId;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getGroupId() {
        return groupId;
    }

    public String getClientId() {
        return clientId;
    }

    public String getFacilitatorId() {
        return facilitatorId;
    }

    public Instant getScheduledAt() {
        return scheduledAt;
    }

    public SessionMode getMode() {
        return mode;
    }

    public SessionStatus getStatus() {
        return status;
    }

    public int getCurrentStep() {
        return currentStep;
    }

    public Instant getStepStartedAt() {
        return stepStartedAt;
    }

    public Instant getStepEndsAt() {
        return stepEndsAt;
    }

    public Instant getFollowUpAt() {
        return followUpAt;
    }

    public String getSuggestedClientId() {
        return suggestedClientId;
    }

    public String getOverrideReason() {
        return overrideReason;
    }

    public String getCancelReason() {
        return cancelReason;
    }

    public String getCaseTitle() {
        return caseTitle;
    }

    public String getCaseContext() {
        return caseContext;
    }

    public String getCaseTried() {
        return caseTried;
    }

    public String getCaseStakes() {
        return caseStakes;
    }

    public String getContract() {
        return contract;
    }

    public String getSynthesis() {
        return synthesis;
    }

    public boolean isConsent() {
        return consent;
    }

    public String getFollowUpReport() {
        return followUpReport;
    }

    public String getVideoUrl() {
        return videoUrl;
    }

    public void setVideoUrl(String videoUrl) {
        this.videoUrl = videoUrl;
    }

    public UUID getLearningNoteId() {
        return learningNoteId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public long getVersion() {
        return version;
    }
}
