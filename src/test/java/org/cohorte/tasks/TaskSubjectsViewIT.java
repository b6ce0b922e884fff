package org.cohorte.tasks;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.codevelopment.ui.CodevGroupView;
import org.cohorte.codevelopment.ui.CodevGroupsView;
import org.cohorte.codevelopment.ui.SessionBoardView;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.service.Roles;
import org.cohorte.tasks.service.InboxTask;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.tasks.ui.TaskView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The inbox's subject column, filter, sort and links, and a codevelopment task page's context. */
class TaskSubjectsViewIT extends ViewTest {

    @Autowired
    CodevFixture codev;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    CommunityService communityService;
    @Autowired
    QuestionService questionService;

    /** Clicks (and menu choices) a person makes, counted as the walk-throughs below make them. */
    private int clicks;

    @SuppressWarnings("unchecked")
    private static Grid<InboxTask> grid() {
        return _get(Grid.class, spec -> spec.withId("inbox-grid"));
    }

    private static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    private void click(Button button) {
        clicks++;
        _click(button);
    }

    /** "Ouvrir" on the inbox row of this task. */
    private void openFromInbox(String taskId) {
        for (int row = 0; row < _size(grid()); row++) {
            if (_get(grid(), row).id().equals(taskId)) {
                Component actions = _getCellComponent(grid(), row, "actions");
                click((Button) actions.getChildren().filter(c -> c.hasClassName("open-button")).findFirst().orElseThrow());
                return;
            }
        }
        throw new AssertionError("no inbox row for " + taskId);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_inbox_shows_filters_sorts_and_links_each_tasks_subject() {
        // A facilitator with a session to open and a question to triage.
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.LIVE);
        String client = codev.clientOf(g, session);
        data.as(client, () -> sessionService.prepareCase(codev.task(session, Steps.TASK_PREPARE_CASE, client).getId(),
                "Cas confidentiel", "Contexte", "Essais", "Enjeux"));
        String facilitator = g.facilitator();
        String asker = data.user("marc", Roles.PARTICIPANT);
        UUID community = data.as(facilitator, () -> {
            UUID id = communityService.create("Coach RH " + UUID.randomUUID(), "RH", "Charte", null,
                    List.of(facilitator), false).getId();
            communityService.addMember(id, asker, CommunityRole.MEMBER);
            return id;
        });
        UUID question = data.as(asker, () -> questionService.ask(community, "Zèbre : prime de rétention ?",
                "Comment faire ?", List.of()));
        String groupName = data.as(facilitator, () -> groupService.get(g.id()).name());

        signIn(facilitator);
        UI.getCurrent().navigate(InboxView.class);
        assertThat(grid().getColumnByKey("subject").getHeaderText()).isEqualTo("Sujet");
        assertThat(_size(grid())).isEqualTo(2);

        // Sorted by subject: the group ("Groupe …") then the question ("Zèbre…"); each a link to its page.
        grid().sort(List.of(new GridSortOrder<>(grid().getColumnByKey("subject"), SortDirection.ASCENDING)));
        Anchor first = (Anchor) _getCellComponent(grid(), 0, "subject");
        Anchor second = (Anchor) _getCellComponent(grid(), 1, "subject");
        assertThat(first.getText()).startsWith(groupName + " — séance du ");
        assertThat(first.getHref()).isEqualTo("codevelopment/session/" + session);
        assertThat(second.getText()).isEqualTo("Zèbre : prime de rétention ?");
        assertThat(second.getHref()).isEqualTo("question/" + question);
        // The case title is no subject: it stays with the group's readers, on the task page.
        assertThat(first.getText()).doesNotContain("Cas confidentiel");
        grid().sort(List.of(new GridSortOrder<>(grid().getColumnByKey("subject"), SortDirection.DESCENDING)));
        assertThat(((Anchor) _getCellComponent(grid(), 0, "subject")).getText()).isEqualTo("Zèbre : prime de rétention ?");

        // The subject filter, then the process filter.
        _get(TextField.class, spec -> spec.withId("subject-filter")).setValue("zèbre");
        assertThat(_size(grid())).isEqualTo(1);
        assertThat(_get(grid(), 0).processDefinitionKey()).isEqualTo(QuestionService.PROCESS_KEY);
        _get(TextField.class, spec -> spec.withId("subject-filter")).setValue(groupName.toUpperCase());
        assertThat(_size(grid())).isEqualTo(1);
        assertThat(_get(grid(), 0).processDefinitionKey()).isEqualTo(Steps.PROCESS_KEY);
        _get(TextField.class, spec -> spec.withId("subject-filter")).clear();
        ComboBox<String> process = _get(ComboBox.class, spec -> spec.withId("process-filter"));
        assertThat(process.getListDataView().getItems().toList()).contains(QuestionService.PROCESS_KEY, Steps.PROCESS_KEY);
        process.setValue(Steps.PROCESS_KEY);
        assertThat(_size(grid())).isEqualTo(1);
        assertThat(_get(grid(), 0).taskDefinitionKey()).isEqualTo(Steps.TASK_OPEN_SESSION);
        assertThat(process.getItemLabelGenerator().apply(Steps.PROCESS_KEY)).isNotBlank();
    }

    @Test
    void a_consultants_async_task_page_shows_the_case_group_session_and_board_link_and_a_stranger_sees_none() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.ASYNC);
        codev.prepareAndOpen(g, session);
        String client = codev.clientOf(g, session);
        data.as(client, () -> sessionService.finishPresentation(codev.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        String consultant = codev.consultantsOf(g, session).get(0);
        Task ask = codev.task(session, Steps.TASK_ASK_QUESTIONS, consultant);
        String groupName = data.as(g.facilitator(), () -> groupService.get(g.id()).name());

        signIn(consultant);
        UI.getCurrent().navigate(TaskView.class, ask.getId());
        String context = text("task-context");
        assertThat(context).contains("Mobiliser une équipe en télétravail", "Mon équipe de 12 personnes…", groupName,
                "Séance");
        assertThat(_get(Anchor.class, spec -> spec.withId("task-subject-link")).getHref())
                .isEqualTo("codevelopment/session/" + session);

        String stranger = data.user("curieux", Roles.PARTICIPANT, Roles.FACILITATOR, Roles.ADMIN);
        signIn(stranger);
        UI.getCurrent().navigate(TaskView.class, ask.getId());
        assertThat(_get(H2.class).getText()).isEqualTo("Tâche introuvable");
        assertThat(_find(Div.class, spec -> spec.withId("task-context"))).isEmpty();
        assertThat(UI.getCurrent().getElement().getTextRecursively()).doesNotContain("Mobiliser une équipe");
    }

    /**
     * "Clicks from the inbox to a completed step", counted: the client's case preparation, a consultant's questions
     * and a board step (the client's presentation), each from the inbox. Before, the consultant's task page gave no
     * case, so reading it meant the menu, the group and the session; now the task page holds it.
     */
    @Test
    void clicks_from_the_inbox_to_a_completed_step() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.ASYNC);
        String client = codev.clientOf(g, session);
        Task prepare = codev.task(session, Steps.TASK_PREPARE_CASE, client);

        // 1. The client prepares the case: open the row, fill, submit.
        signIn(client);
        UI.getCurrent().navigate(InboxView.class);
        clicks = 0;
        openFromInbox(prepare.getId());
        List<TextField> title = _find(TextField.class);
        title.get(0).setValue("Mobiliser une équipe en télétravail");
        List<TextArea> areas = _find(TextArea.class);
        areas.forEach(a -> a.setValue("Mon équipe de 12 personnes…"));
        click(_get(Button.class, spec -> spec.withId("complete-button")));
        int casePreparation = clicks;
        assertThat(codev.task(session, Steps.TASK_PREPARE_CASE, client)).isNull();

        data.as(g.facilitator(), () -> sessionService.openSession(
                codev.task(session, Steps.TASK_OPEN_SESSION, g.facilitator()).getId(), codev.consultantsOf(g, session)));

        // 2. A board step done from the inbox: the client's presentation.
        signIn(client);
        UI.getCurrent().navigate(InboxView.class);
        clicks = 0;
        openFromInbox(codev.task(session, Steps.TASK_PRESENT_CASE, client).getId());
        assertThat(text("task-context")).contains("Mobiliser une équipe en télétravail");
        click(_get(Button.class, spec -> spec.withId("complete-button")));
        int boardStep = clicks;
        assertThat(codev.task(session, Steps.TASK_PRESENT_CASE, client)).isNull();

        // 3a. A consultant's questions, now: the task page gives the case; ask, then "no more questions".
        List<String> consultants = codev.consultantsOf(g, session);
        String now = consultants.get(0);
        signIn(now);
        UI.getCurrent().navigate(InboxView.class);
        clicks = 0;
        openFromInbox(codev.task(session, Steps.TASK_ASK_QUESTIONS, now).getId());
        assertThat(text("task-context")).contains("Mobiliser une équipe en télétravail");
        _get(TextArea.class).setValue("Depuis quand ?");
        click(_get(Button.class, spec -> spec.withId("codev-ask")));
        click(_get(Button.class, spec -> spec.withId("complete-button")));
        int questionsNow = clicks;
        assertThat(codev.task(session, Steps.TASK_ASK_QUESTIONS, now)).isNull();

        // 3b. The same step the way it was: the task page named no case, so the consultant went through the menu,
        // the group and the session to read it on the board, and did the step there.
        String before = consultants.get(1);
        signIn(before);
        UI.getCurrent().navigate(InboxView.class);
        clicks = 0;
        openFromInbox(codev.task(session, Steps.TASK_ASK_QUESTIONS, before).getId());
        clicks++;
        UI.getCurrent().navigate(CodevGroupsView.class); // the menu
        clicks++;
        UI.getCurrent().navigate(CodevGroupView.class, g.id().toString()); // the group's row
        clicks++;
        UI.getCurrent().navigate(SessionBoardView.class, session.toString()); // the session's row
        assertThat(text("codev-case")).contains("Mobiliser une équipe en télétravail");
        _get(Component.class, spec -> spec.withId("codev-my-task"));
        _get(TextArea.class).setValue("Et l’équipe ?");
        click(_get(Button.class, spec -> spec.withId("codev-ask")));
        click(_get(Button.class, spec -> spec.withId("complete-button")));
        int questionsBefore = clicks;
        assertThat(codev.task(session, Steps.TASK_ASK_QUESTIONS, before)).isNull();

        System.out.printf("FIGURE clicks-inbox-to-step case-preparation %d, board-step %d, consultant-questions %d"
                + " (before: %d)%n", casePreparation, boardStep, questionsNow, questionsBefore);
        assertThat(casePreparation).isEqualTo(2);
        assertThat(boardStep).isEqualTo(2);
        assertThat(questionsNow).isEqualTo(3);
        assertThat(questionsBefore).isEqualTo(6);
    }
}
