package org.cohorte.incubator.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** An incubator experiment, from its proposal to the committee's last decision. */
@Entity
@Table(name = "experiment")
public class Experiment {

    @Id
    private UUID id;
    @Column(nullable = false, length = 200)
    private String title;
    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;
    @Column(name = "proposer_id", nullable = false, length = 64)
    private String proposerId;
    @Column(name = "sponsor_id", nullable = false, length = 64)
    private String sponsorId;
    @Column(nullable = false, length = 4000)
    private String problem;
    @Column(length = 4000)
    private String hypothesis;
    @Column(length = 200)
    private String metric;
    @Column(name = "metric_unit", length = 50)
    private String metricUnit;
    private Double threshold;
    @Column(name = "higher_is_better", nullable = false)
    private boolean higherIsBetter;
    @Column(name = "duration_weeks", nullable = false)
    private int durationWeeks;
    @Column(nullable = false)
    private double budget;
    @Column(length = 4000)
    private String resources;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private ExperimentStage stage;
    @Column(nullable = false)
    private boolean published;
    @Column(name = "review_comment", length = 4000)
    private String reviewComment;
    @Column(name = "first_approver", length = 64)
    private String firstApprover;
    @Column(name = "run_started_at")
    private Instant runStartedAt;
    @Column(name = "run_ends_at")
    private Instant runEndsAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    // The teams of a whole board in one query, not one per experiment.
    @ElementCollection(fetch = FetchType.EAGER)
    @org.hibernate.annotations.Fetch(org.hibernate.annotations.FetchMode.SUBSELECT)
    @CollectionTable(name = "experiment_team", joinColumns = @JoinColumn(name = "experiment_id"))
    @Column(name = "user_id", length = 64)
    private Set<String> team = new LinkedHashSet<>();

    protected Experiment() {
    }

    public Experiment(String proposerId) {
        this.id = UUID.randomUUID();
        this.proposerId = proposerId;
        this.stage = ExperimentStage.IN_REVIEW;
        this.createdAt = EngineClock.now();
        this.updatedAt = createdAt;
    }

    public void describe(ProposalData data) {
        this.title = data.title();
        this.organizationId = data.organizationId();
        this.sponsorId = data.sponsorId();
        this.problem = data.problem();
        this.hypothesis = data.hypothesis();
        this.metric = data.metric();
        this.metricUnit = data.metricUnit();
        this.threshold = data.threshold();
        this.higherIsBetter = data.higherIsBetter();
        this.durationWeeks = data.durationWeeks();
        this.budget = data.budget();
        this.resources = data.resources();
        this.team.clear();
        this.team.add(proposerId);
        this.team.addAll(data.team());
        touch();
    }

    public void moveTo(ExperimentStage stage) {
        this.stage = stage;
        touch();
    }

    public void touch() {
        this.updatedAt = EngineClock.now();
    }

    public void startRun(Instant start, Instant end) {
        this.runStartedAt = start;
        this.runEndsAt = end;
        moveTo(ExperimentStage.RUNNING);
    }

    public void setReviewComment(String reviewComment) {
        this.reviewComment = reviewComment;
    }

    public void setFirstApprover(String firstApprover) {
        this.firstApprover = firstApprover;
    }

    public void publish() {
        this.published = true;
        touch();
    }

    public boolean isOnTeam(String userId) {
        return team.contains(userId);
    }

    public UUID getId() { return id; }
    public String getTitle() { return title; }
    public UUID getOrganizationId() { return organizationId; }
    public String getProposerId() { return proposerId; }
    public String getSponsorId() { return sponsorId; }
    public String getProblem() { return problem; }
    public String getHypothesis() { return hypothesis; }
    public String getMetric() { return metric; }
    public String getMetricUnit() { return metricUnit; }
    public Double getThreshold() { return threshold; }
    public boolean isHigherIsBetter() { return higherIsBetter; }
    public int getDurationWeeks() { return durationWeeks; }
    public double getBudget() { return budget; }
    public String getResources() { return resources; }
    public ExperimentStage getStage() { return stage; }
    public boolean isPublished() { return published; }
    public String getReviewComment() { return reviewComment; }
    public String getFirstApprover() { return firstApprover; }
    public Instant getRunStartedAt() { return runStartedAt; }
    public Instant getRunEndsAt() { return runEndsAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
    public Set<String> getTeam() { return Set.copyOf(team); }
}
