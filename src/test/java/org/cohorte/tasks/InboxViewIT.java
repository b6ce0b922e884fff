package org.cohorte.tasks;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.tasks.ui.TaskView;
import org.cohorte.testsupport.TestProcesses;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InboxViewIT extends ViewTest {

    @Autowired
    TestProcesses processes;
    @Autowired
    TaskService taskService;

    @SuppressWarnings("unchecked")
    private Grid<InboxTask> grid() {
        return _get(Grid.class, spec -> spec.withId("inbox-grid"));
    }

    @Test
    void the_inbox_lists_my_tasks_and_my_groups_tasks_in_french() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String group = data.group(alice);
        processes.personalTask(alice, Instant.now().minus(1, ChronoUnit.DAYS));
        processes.groupTask(group, null);
        signIn(alice);
        UI.getCurrent().navigate(InboxView.class);

        assertThat(_size(grid())).isEqualTo(2);
        assertThat(_getFormatted(grid(), 0, "name")).isIn("Tâche personnelle", "Tâche de groupe");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Mes tâches");

        _get(Tabs.class).setSelectedIndex(1); // Les miennes
        assertThat(_size(grid())).isEqualTo(1);
        assertThat(_get(grid(), 0).name()).isEqualTo("Tâche personnelle");
        assertThat(_get(grid(), 0).overdue()).isTrue();

        _get(Tabs.class).setSelectedIndex(2); // Mes groupes
        assertThat(_size(grid())).isEqualTo(1);
        assertThat(_get(grid(), 0).assignee()).isNull();
    }

    @Test
    void a_group_task_is_claimed_from_the_inbox_and_completed_with_the_generic_form() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String group = data.group(alice);
        Task task = processes.groupTask(group, null);
        signIn(alice);
        UI.getCurrent().navigate(TaskView.class, task.getId());

        assertThat(_get(H2.class).getText()).isEqualTo("Tâche de groupe");
        _click(_get(Button.class, spec -> spec.withId("claim-button")));
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(alice);

        assertThat(_find(TextField.class)).extracting(TextField::getValue).contains(group);
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0)).isInstanceOf(InboxView.class);
    }

    @Test
    void another_users_task_shows_not_found_rather_than_its_content() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        Task task = processes.personalTask(alice, null);
        signIn(bob);
        UI.getCurrent().navigate(TaskView.class, task.getId());
        assertThat(_get(H2.class).getText()).isEqualTo("Tâche introuvable");
        assertThat(_find(Button.class, spec -> spec.withId("complete-button"))).isEmpty();
    }

    @Test
    void the_inbox_speaks_english_to_a_member_who_chose_it() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        data.setLanguage(alice, "en");
        processes.personalTask(alice, null);
        signIn(alice);
        assertThat(UI.getCurrent().getLocale().getLanguage()).isEqualTo("en");
        UI.getCurrent().navigate(InboxView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("My tasks");
        assertThat(grid().getColumnByKey("name").getHeaderText()).isEqualTo("Task");
    }
}
