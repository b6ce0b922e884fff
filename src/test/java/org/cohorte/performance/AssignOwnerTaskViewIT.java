package org.cohorte.performance;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.domain.Review;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.tasks.ui.TaskView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The "name an owner" task page: its name and help come from the bundles, confirming too early is refused. */
class AssignOwnerTaskViewIT extends ViewTest {

    @Autowired
    PerformanceFixture fixture;
    @Autowired
    ReviewService reviewService;
    @Autowired
    IndicatorService indicatorService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;

    @Test
    void a_manager_is_told_to_name_an_owner_first_then_confirms_and_the_review_goes_on() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-04-03T14:00:00Z")));
        var org = fixture.organization("vueresp");
        Indicator indicator = fixture.indicator(org, "Délai de traitement", 30, LocalDate.of(2026, 1, 1), 10,
                LocalDate.of(2026, 12, 31), Direction.LOWER);
        identityService.deleteUser(org.owner());
        Review review = data.as(org.manager(), () -> reviewService.startReview(org.id(), "2026-Q1"));
        String taskId = taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.TASK_ASSIGN_OWNER).singleResult().getId();

        signIn(org.manager());
        UI.getCurrent().navigate(TaskView.class, taskId);
        assertThat(_get(H2.class).getText()).isEqualTo("Nommer un responsable de l’indicateur");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        expectNotifications("Le responsable de l’indicateur « Délai de traitement » n’a toujours pas de compte : "
                + "nommez-en un autre dans la fiche de l’indicateur.");

        String newOwner = data.user("vue-resp", Roles.PARTICIPANT);
        data.as(org.manager(), () -> indicatorService.updateIndicator(indicator.getId(), new IndicatorDefinition(
                indicator.getName(), indicator.getUnit(), indicator.getBaselineValue(), indicator.getBaselineDate(),
                indicator.getTargetValue(), indicator.getTargetDate(), indicator.getDirection(), indicator.getFrequency(),
                newOwner, org.validator())));
        signIn(org.manager());
        UI.getCurrent().navigate(TaskView.class, taskId);
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceId(review.getProcessInstanceId())
                .taskDefinitionKey(ReviewService.TASK_ENTER).singleResult().getAssignee()).isEqualTo(newOwner);
    }
}
