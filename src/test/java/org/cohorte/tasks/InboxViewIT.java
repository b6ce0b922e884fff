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
import org.cohorte.base.push.PushBus;
import org.cohorte.base.push.PushMessage;
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
    @Autowired
    PushBus bus;

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

    /** The header's count is written only when the view re-reads its list: what a refresh leaves visible. */
    private static String count() {
        return _get(com.vaadin.flow.component.html.Span.class, spec -> spec.withClasses("inbox-count")).getText();
    }

    @Test
    void the_inbox_follows_tasks_created_claimed_and_completed_by_others_without_a_reload() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        String team = data.group(alice, bob);
        String elsewhere = data.group(bob);
        signIn(alice);
        UI.getCurrent().navigate(InboxView.class);
        assertThat(count()).isEqualTo("Aucune tâche");
        assertThat(bus.listenerCount(PushMessage.TASKS_OF_USER, alice)).as("one address for her").isEqualTo(1);
        assertThat(bus.listenerCount(PushMessage.TASKS_OF_GROUP, team)).as("one per group of hers").isEqualTo(1);
        assertThat(bus.listenerCount(PushMessage.TASKS_OF_GROUP, elsewhere)).as("not another group's").isZero();

        // Another user's work creates tasks for her and for her group: they appear without a reload.
        Task mine = processes.personalTask(alice, null);
        awaitPushed("her new task", () -> count().equals("1 tâche"));
        Task ours = processes.groupTask(team, null);
        awaitPushed("her group's new task", () -> count().equals("2 tâches"));
        assertThat(_size(grid())).isEqualTo(2);

        // Bob claims the group task: it leaves her list ("all" shows hers and unclaimed ones of her groups).
        data.as(bob, () -> taskService.claim(ours.getId(), bob));
        awaitPushed("the claimed task gone", () -> count().equals("1 tâche"));
        // Her own task completed elsewhere (another tab, the work API): gone too.
        taskService.complete(mine.getId());
        awaitPushed("the completed task gone", () -> count().equals("Aucune tâche"));
        assertThat(_size(grid())).isZero();

        // Leaving the page leaves no subscription behind.
        UI.getCurrent().navigate(TaskView.class, ours.getId());
        assertThat(bus.listenerCount(PushMessage.TASKS_OF_USER, alice)).isZero();
        assertThat(bus.listenerCount(PushMessage.TASKS_OF_GROUP, team)).isZero();
    }

    @Test
    void clicking_my_tasks_again_reads_the_list_afresh() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        signIn(alice);
        UI.getCurrent().navigate(InboxView.class);
        InboxView view = _get(InboxView.class);
        assertThat(count()).isEqualTo("Aucune tâche");
        // The push of this task is queued behind the test's hold on the session until the next round trip, so
        // only the navigation can bring it in here.
        processes.personalTask(alice, null);
        UI.getCurrent().navigate(InboxView.class);
        assertThat(_get(InboxView.class)).as("the same view, not a new one").isSameAs(view);
        assertThat(count()).isEqualTo("1 tâche");
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
