package org.cohorte.performance.service;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.EngineAuthentication;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorRepository;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.domain.ReviewRepository;
import org.cohorte.tasks.api.TaskRef;
import org.cohorte.tasks.api.TaskSubject;
import org.cohorte.tasks.api.TaskSubjectProvider;
import org.springframework.stereotype.Component;

/**
 * A review's task is about an indicator and a period (value, validation, action plan: the indicator is local to
 * each of the review's branches) or, for the sign-off, the organization and the period. Only the tasks' holders
 * ask (the inbox filters first), and indicator names are shared in the steering room; the link goes to the
 * steering room for those who may open it.
 */
@Component
class ReviewTaskSubjects implements TaskSubjectProvider {

    private static final List<String> STEERING_ROOM = List.of(Roles.FORUM, Roles.MANAGER, Roles.ADVISORY, Roles.ADMIN);

    private final ReviewRepository reviews;
    private final IndicatorRepository indicators;
    private final OrganizationService organizations;
    private final RuntimeService runtimeService;
    private final EngineAuthentication engineAuthentication;
    private final CurrentUser currentUser;
    private final CohorteI18NProvider i18n;
    private final org.cohorte.tasks.service.TaskSubjectIndex subjectIndex;

    ReviewTaskSubjects(ReviewRepository reviews, IndicatorRepository indicators, OrganizationService organizations,
                       RuntimeService runtimeService, EngineAuthentication engineAuthentication,
                       CurrentUser currentUser, CohorteI18NProvider i18n,
                       org.cohorte.tasks.service.TaskSubjectIndex subjectIndex) {
        this.subjectIndex = subjectIndex;
        this.reviews = reviews;
        this.indicators = indicators;
        this.organizations = organizations;
        this.runtimeService = runtimeService;
        this.engineAuthentication = engineAuthentication;
        this.currentUser = currentUser;
        this.i18n = i18n;
    }

    @Override
    public String processKey() {
        return ReviewService.PROCESS_KEY;
    }

    /**
     * What each row shows, for the inbox's filter and sort: the sign-off's organization and period (no branch), and
     * each indicator's name and period (branch: the indicator's id, the {@code indicatorId} of the task's
     * execution), as the review's measurements list them. The organization's name comes from its table (the
     * review's foreign key): organizations are public, indicator names are shared in the steering room.
     */
    @Override
    public String subjectSql() {
        return "SELECT CAST(NULL AS VARCHAR(36)) AS branch, o.name || ' — ' || r.period AS subject"
                + " FROM perf_review r JOIN organization o ON o.id = r.organization_id WHERE r.id = ?"
                + " UNION ALL SELECT CAST(m.indicator_id AS VARCHAR(36)), i.name || ' — ' || r.period"
                + " FROM perf_review r JOIN perf_measurement m ON m.review_id = r.id"
                + " JOIN perf_indicator i ON i.id = m.indicator_id WHERE r.id = ?";
    }

    /** The sign-offs name their organization: renamed, the open reviews' tasks are sorted by the new name. */
    @org.springframework.context.event.EventListener
    public void onOrganizationRenamed(org.cohorte.identity.service.OrganizationRenamedEvent event) {
        subjectIndex.refreshProcess(ReviewService.PROCESS_KEY);
    }

    @Override
    public String subjectBranchVariable() {
        return "indicatorId";
    }

    @Override
    public Map<String, TaskSubject> subjects(List<TaskRef> tasks, Locale locale) {
        CurrentUser.Identity me = currentUser.require();
        String route = STEERING_ROOM.stream().anyMatch(me::isIn) ? "steering-room" : null;
        List<UUID> ids = TaskRef.recordIds(tasks);
        Map<UUID, Review> byId = new HashMap<>();
        reviews.findAllById(ids).forEach(r -> byId.put(r.getId(), r));
        // Each branch's indicator, in one variable query over the page's executions.
        List<String> executions = tasks.stream().map(TaskRef::executionId).filter(Objects::nonNull).distinct().toList();
        Map<String, UUID> indicatorOf = new HashMap<>();
        if (!executions.isEmpty()) {
            engineAuthentication.asSystem(() -> runtimeService.createVariableInstanceQuery().variableName("indicatorId")
                    .executionIdIn(executions.toArray(String[]::new)).list())
                    .forEach(v -> indicatorOf.put(v.getExecutionId(), v.getValue() == null ? null : TaskRef.parseId(v.getValue().toString())));
        }
        Map<UUID, String> indicatorNames = new HashMap<>();
        indicators.findAllById(indicatorOf.values().stream().filter(Objects::nonNull).distinct().toList())
                .forEach(i -> indicatorNames.put(i.getId(), i.getName()));
        Map<UUID, String> organizationNames = new HashMap<>();
        if (tasks.stream().anyMatch(t -> indicatorNames.get(indicatorOf.get(t.executionId())) == null)) {
            organizations.refs().forEach(o -> organizationNames.put(o.id(), o.name()));
        }
        Map<String, TaskSubject> subjects = new HashMap<>();
        for (TaskRef task : tasks) {
            Review review = byId.get(task.recordId());
            if (review == null) {
                continue;
            }
            String indicator = indicatorNames.get(indicatorOf.get(task.executionId()));
            String what = indicator != null ? indicator : organizationNames.getOrDefault(review.getOrganizationId(), "");
            subjects.put(task.taskId(), new TaskSubject(
                    i18n.getTranslation("performance.subject.review", locale, what, review.getPeriod()), route));
        }
        return subjects;
    }
}
