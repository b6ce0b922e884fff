package org.cohorte.performance;

import java.time.LocalDate;
import java.util.UUID;

import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.testsupport.TestData;
import org.springframework.stereotype.Component;

/** An organization with a manager, an owner and a validator, and indicators, made fresh for each test. */
@Component
public class PerformanceFixture {

    private final TestData data;
    private final OrganizationService organizationService;
    private final MemberService memberService;
    private final IndicatorService indicatorService;

    private final org.cohorte.performance.service.ReviewService reviewService;
    private final org.camunda.bpm.engine.TaskService taskService;

    public PerformanceFixture(TestData data, OrganizationService organizationService, MemberService memberService,
                              IndicatorService indicatorService, org.cohorte.performance.service.ReviewService reviewService,
                              org.camunda.bpm.engine.TaskService taskService) {
        this.reviewService = reviewService;
        this.taskService = taskService;
        this.data = data;
        this.organizationService = organizationService;
        this.memberService = memberService;
        this.indicatorService = indicatorService;
    }

    public record Org(UUID id, String manager, String owner, String validator, UUID objectiveId) {
    }

    public Org organization(String prefix) {
        String admin = data.user("padmin", Roles.ADMIN);
        UUID orgId = data.as(admin, () -> organizationService.create("Organisation " + prefix + " " + UUID.randomUUID(),
                prefix, OrganizationType.MINISTRY).getId());
        String id = prefix.toLowerCase(java.util.Locale.ROOT);
        String manager = data.user(id + "-gest", Roles.MANAGER, Roles.PARTICIPANT);
        String owner = data.user(id + "-resp", Roles.PARTICIPANT);
        String validator = data.user(id + "-valid", Roles.PARTICIPANT);
        for (String user : new String[] {manager, owner, validator}) {
            data.as(user, () -> memberService.updateMyProfile(user, orgId, "fr"));
        }
        UUID objectiveId = data.as(manager, () -> indicatorService.createObjective(orgId, "Mieux servir", null).getId());
        return new Org(orgId, manager, owner, validator, objectiveId);
    }

    /** An organization with one indicator whose first-quarter 2027 value was entered and accepted. */
    public Org reviewed(String prefix, double value) {
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2027-04-02T14:00:00Z")));
        Org org = organization(prefix);
        indicator(org, "Courriels traités", 0, LocalDate.of(2027, 1, 1), 1000, LocalDate.of(2027, 12, 31), Direction.HIGHER);
        var review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2027-Q1"));
        String instance = review.getProcessInstanceId();
        String enter = taskService.createTaskQuery().processInstanceId(instance).taskAssignee(org.owner()).singleResult().getId();
        data.as(org.owner(), () -> reviewService.submitMeasurement(enter, value, "Mesure du trimestre", null));
        String validate = taskService.createTaskQuery().processInstanceId(instance).taskAssignee(org.validator()).singleResult().getId();
        data.as(org.validator(), () -> reviewService.validateMeasurement(validate, true, null));
        return org;
    }

    /** How the application labels an organization (acronym and name), as an administrator reads it. */
    public String organizationName(UUID organizationId) {
        return organizationService.get(organizationId).getLabel();
    }

    public Indicator indicator(Org org, String name, double baseline, LocalDate baselineDate, double target,
                               LocalDate targetDate, Direction direction) {
        return data.as(org.manager(), () -> indicatorService.defineIndicator(org.objectiveId(), new IndicatorDefinition(
                name, "%", baseline, baselineDate, target, targetDate, direction, Frequency.QUARTERLY, org.owner(),
                org.validator())));
    }
}
