package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.domain.ReviewStatus;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The quarterly timer opens one review per organization, each in its own job: one organization's bad data is
 * retried on the model's cycle, then raises an incident naming it, while the others open.
 */
class QuarterlyReviewJobsProcessTest extends IntegrationTest {

    static final String OPEN_ACTIVITY = "service_task_open_organization_review";

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    ReviewService reviewService;
    @Autowired
    PerformanceFixture fixture;

    @Test
    void a_failing_organization_is_retried_then_raises_an_incident_naming_it_while_the_others_open() {
        Instant now = Instant.parse("2041-04-01T06:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        var first = fixture.organization("trimA");
        var second = fixture.organization("trimB");
        var broken = fixture.organization("trimC");
        for (var org : List.of(first, second, broken)) {
            fixture.indicator(org, "Délai moyen", 30, LocalDate.of(2040, 1, 1), 10, LocalDate.of(2042, 1, 1), Direction.LOWER);
        }
        // Bad data: nobody in the organization may sign its review off.
        identityService.deleteMembership(broken.manager(), Roles.MANAGER);

        ProcessInstance instance = fireQuarterTimer();
        Map<UUID, Job> jobs = openingJobsByOrganization(instance);
        assertThat(jobs).containsKeys(first.id(), second.id(), broken.id());
        for (var entry : jobs.entrySet()) {
            if (!entry.getKey().equals(broken.id())) {
                try {
                    managementService.executeJob(entry.getValue().getId());
                } catch (RuntimeException otherTestsData) {
                    // Organizations left by other tests in the shared database are not this test's business.
                }
            }
        }
        assertThat(reviewOf(first).getStatus()).isEqualTo(ReviewStatus.IN_PROGRESS);
        assertThat(reviewOf(second).getStatus()).isEqualTo(ReviewStatus.IN_PROGRESS);
        assertThat(reviewsOf(broken)).isEmpty();

        String jobId = jobs.get(broken.id()).getId();
        String name = data.as(admin(), () -> fixture.organizationName(broken.id()));
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> managementService.executeJob(jobId))
                    .hasMessageContaining(name).hasMessageContaining(broken.id().toString());
            Job failed = managementService.createJobQuery().jobId(jobId).singleResult();
            assertThat(failed.getRetries()).as("retries after attempt " + attempt).isEqualTo(3 - attempt);
            if (attempt < 3) {
                // R3/PT5M: the next attempt is due five minutes after the failure, and no incident yet.
                assertThat(failed.getDuedate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(5))));
                assertThat(runtimeService.createIncidentQuery().configuration(jobId).count()).isZero();
                ClockUtil.setCurrentTime(failed.getDuedate());
            }
        }
        Incident incident = runtimeService.createIncidentQuery().configuration(jobId).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(OPEN_ACTIVITY);
        assertThat(incident.getIncidentMessage()).contains(name, broken.id().toString(), "2041-Q1", "manager");
        assertThat(reviewsOf(broken)).isEmpty();

        // An administrator fixes the data and retries the job (Cockpit's "retry"): the review opens.
        identityService.createMembership(broken.manager(), Roles.MANAGER);
        managementService.setJobRetries(jobId, 1);
        assertThat(runtimeService.createIncidentQuery().configuration(jobId).count()).isZero();
        managementService.executeJob(jobId);
        Review opened = reviewOf(broken);
        assertThat(opened.getStatus()).isEqualTo(ReviewStatus.IN_PROGRESS);
        assertThat(opened.getProcessInstanceId()).isNotNull();
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).list().stream()
                .map(this::organizationOf).collect(Collectors.toSet()))
                .doesNotContain(first.id(), second.id(), broken.id());
    }

    @Test
    void an_organization_whose_review_a_manager_opened_meanwhile_is_skipped_quietly() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2042-04-01T06:00:00Z")));
        var org = fixture.organization("trimD");
        fixture.indicator(org, "Taux de suivi", 10, LocalDate.of(2041, 1, 1), 50, LocalDate.of(2043, 1, 1), Direction.HIGHER);
        ProcessInstance instance = fireQuarterTimer();
        Job job = openingJobsByOrganization(instance).get(org.id());
        Review byManager = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2042-Q1"));
        managementService.executeJob(job.getId());
        assertThat(reviewsOf(org)).extracting(Review::getId).containsExactly(byManager.getId());
    }

    /** Fires the quarter's timer and returns the process instance it started. */
    private ProcessInstance fireQuarterTimer() {
        Set<String> before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewService.PROCESS_KEY)
                .list().stream().map(ProcessInstance::getId).collect(Collectors.toSet());
        Job timer = managementService.createJobQuery().processDefinitionKey(ReviewService.PROCESS_KEY).timers()
                .list().stream().filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
        managementService.executeJob(timer.getId());
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewService.PROCESS_KEY)
                .activityIdIn(OPEN_ACTIVITY).list().stream().filter(p -> !before.contains(p.getId()))
                .findFirst().orElseThrow();
    }

    private Map<UUID, Job> openingJobsByOrganization(ProcessInstance instance) {
        Map<UUID, Job> jobs = new HashMap<>();
        for (Job job : managementService.createJobQuery().processInstanceId(instance.getId()).activityId(OPEN_ACTIVITY).list()) {
            jobs.put(organizationOf(job), job);
        }
        return jobs;
    }

    private UUID organizationOf(Job job) {
        return UUID.fromString((String) runtimeService.getVariable(job.getExecutionId(), "organizationId"));
    }

    /** The org's reviews of the year on the clock, read by an administrator (the broken org has no manager). */
    private List<Review> reviewsOf(PerformanceFixture.Org org) {
        String year = String.valueOf(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneOffset.UTC).getYear());
        return data.as(admin(), () -> reviewService.reviews(org.id())).stream()
                .filter(r -> r.getPeriod().startsWith(year)).toList();
    }

    private String admin;

    private String admin() {
        if (admin == null) {
            admin = data.user("padmin", Roles.ADMIN);
        }
        return admin;
    }

    private Review reviewOf(PerformanceFixture.Org org) {
        List<Review> reviews = reviewsOf(org);
        assertThat(reviews).hasSize(1);
        return reviews.get(0);
    }
}
