package org.cohorte.codevelopment;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.GroupSummary;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.codevelopment.ui.CodevGroupView;
import org.cohorte.codevelopment.ui.CodevGroupsView;
import org.cohorte.codevelopment.ui.SessionBoardView;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.PersonOption;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CodevelopmentViewsIT extends ViewTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    CommunityService communityService;

    private static String text(String id) {
        return _get(com.vaadin.flow.component.Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_facilitator_creates_a_group_from_the_groups_page() {
        CodevFixture.Group existing = fixture.group(4);
        signIn(existing.facilitator());
        UI.getCurrent().navigate(CodevGroupsView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Codéveloppement");
        ComboBox<CommunityService.CommunityRef> community = _get(ComboBox.class, spec -> spec.withId("codev-group-community"));
        community.setValue(community.getListDataView().getItems().filter(c -> c.id().equals(existing.communityId()))
                .findFirst().orElseThrow());
        _get(TextField.class, spec -> spec.withId("codev-group-name")).setValue("Cercle des gestionnaires");
        MultiSelectComboBox<PersonOption> members = _get(MultiSelectComboBox.class, spec -> spec.withId("codev-group-members"));
        // Searched on the server: the community's participants, never the facilitator herself.
        List<PersonOption> offered = ((com.vaadin.flow.data.provider.DataProvider<PersonOption, String>) members.getDataProvider())
                .fetch(new com.vaadin.flow.data.provider.Query<>(0, 50, List.of(), null, "")).toList();
        assertThat(offered).extracting(PersonOption::userId).containsAll(existing.members())
                .doesNotContain(existing.facilitator());
        members.select(offered.stream().filter(p -> existing.members().contains(p.userId())).toList());
        _click(_get(Button.class, spec -> spec.withId("codev-group-create")));

        Grid<GroupSummary> grid = _get(Grid.class, spec -> spec.withId("codev-groups-grid"));
        assertThat(grid.getListDataView().getItems().map(GroupSummary::name)).contains("Cercle des gestionnaires");
        GroupSummary created = grid.getListDataView().getItems().filter(g -> g.name().equals("Cercle des gestionnaires"))
                .findFirst().orElseThrow();
        assertThat(created.memberCount()).isEqualTo(4);
        assertThat(created.noHierarchy()).isTrue();
    }

    @Test
    void a_member_sees_the_charter_first_and_the_group_after_accepting_it() {
        CodevFixture.Group g = fixture.group(4);
        String newcomer = data.user("nouvelle", Roles.PARTICIPANT);
        data.as(g.facilitator(), () -> {
            communityService.addMember(g.communityId(), newcomer, CommunityRole.MEMBER);
            groupService.addMember(g.id(), newcomer);
        });
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);

        signIn(newcomer);
        UI.getCurrent().navigate(CodevGroupView.class, g.id().toString());
        assertThat(_find(Div.class, spec -> spec.withId("codev-charter-gate"))).hasSize(1);
        assertThat(_find(Grid.class, spec -> spec.withId("codev-history-grid"))).isEmpty();
        assertThat(text("codev-charter-gate")).contains("Ce qui se dit dans le groupe reste dans le groupe.");
        // The board of a session is closed to them too.
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Introuvable");

        UI.getCurrent().navigate(CodevGroupView.class, g.id().toString());
        _click(_get(Button.class, spec -> spec.withId("codev-accept-charter")));
        assertThat(_find(Div.class, spec -> spec.withId("codev-charter-gate"))).isEmpty();
        assertThat(_get(Grid.class, spec -> spec.withId("codev-members-grid")).getListDataView().getItemCount()).isEqualTo(5);
        assertThat(_get(Grid.class, spec -> spec.withId("codev-history-grid")).getListDataView().getItemCount()).isEqualTo(1);
    }

    @Test
    void outsiders_and_admins_who_are_not_members_see_nothing_of_a_group_or_its_sessions() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String stranger = data.user("curieux", Roles.PARTICIPANT, Roles.FACILITATOR, Roles.ADMIN);
        signIn(stranger);
        UI.getCurrent().navigate(CodevGroupView.class, g.id().toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Introuvable");
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Introuvable");
        assertThat(UI.getCurrent().getElement().getTextRecursively()).doesNotContain("Mobiliser une équipe");

        // An admin without a participant or facilitator role may not even open the pages.
        String admin = data.user("admin", Roles.ADMIN);
        signIn(admin);
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(_find(SessionBoardView.class)).isEmpty();
        assertThat(UI.getCurrent().getElement().getTextRecursively()).doesNotContain("Mobiliser une équipe");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_facilitator_launches_a_session_with_the_suggested_client_and_lands_on_the_board() {
        CodevFixture.Group g = fixture.group(4);
        signIn(g.facilitator());
        UI.getCurrent().navigate(CodevGroupView.class, g.id().toString());
        String suggested = groupService.get(g.id()).suggestedClientId();
        String suggestedName = data.as(g.facilitator(), () -> groupService.get(g.id()).members().stream()
                .filter(m -> m.userId().equals(suggested)).findFirst().orElseThrow().name());
        assertThat(_get(Span.class, spec -> spec.withId("codev-launch-suggestion")).getText()).contains(suggestedName);
        assertThat(_get(com.vaadin.flow.component.textfield.IntegerField.class, spec -> spec.withId("codev-timebox-4")).getValue())
                .isEqualTo(25);
        _get(com.vaadin.flow.component.textfield.IntegerField.class, spec -> spec.withId("codev-timebox-1")).setValue(12);
        _click(_get(Button.class, spec -> spec.withId("codev-launch-submit")));

        SessionBoardView board = _get(SessionBoardView.class);
        assertThat(board).isNotNull();
        assertThat(text("codev-status-badge")).isEqualTo("En préparation");
        UUID session = sessionService.history(g.id()).get(0).id();
        assertThat(sessionService.board(session).timeboxes()).containsExactly(12, 15, 5, 25, 15, 10);
        assertThat(sessionService.board(session).clientId()).isEqualTo(suggested);
    }

    @Test
    void the_board_shows_new_questions_as_they_arrive_without_reloading() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String client = fixture.clientOf(g, session);
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        List<String> consultants = fixture.consultantsOf(g, session);

        signIn(consultants.get(0));
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(text("codev-current-step")).isEqualTo("Étape 2 sur 6 : Clarification");
        assertThat(text("codev-case")).contains("Mobiliser une équipe en télétravail");
        assertThat(_get(UnorderedList.class, spec -> spec.withId("codev-questions")).getChildren().count()).isZero();
        // My own task is on the board, with the "factual questions only" rule.
        assertThat(text("codev-my-task")).contains("Questions factuelles seulement");

        // Another consultant asks a question from their own browser: the board is pushed the change.
        data.as(consultants.get(1), () -> sessionService.addQuestion(session, "Quelle est la taille de l’équipe ?"));
        awaitPushed("the question", () -> text("codev-questions").contains("Quelle est la taille de l’équipe ?"));
        assertThat(text("codev-questions")).contains("Quelle est la taille de l’équipe ?");

        // The facilitator moves on: the step and the embedded task follow.
        data.as(g.facilitator(), () -> sessionService.advance(session, 2));
        awaitPushed("the next step", () -> text("codev-current-step").equals("Étape 3 sur 6 : Contrat"));
        assertThat(text("codev-current-step")).isEqualTo("Étape 3 sur 6 : Contrat");
        assertThat(text("codev-my-task")).isEmpty();
    }

    @Test
    void the_client_prepares_the_case_from_the_board_and_bad_input_keeps_the_text() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        String client = fixture.clientOf(g, session);
        signIn(client);
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(text("codev-my-task")).contains("Préparer mon cas");
        TextField title = _get(TextField.class, spec -> spec.withLabel("Titre du cas"));
        TextArea context = _get(TextArea.class, spec -> spec.withLabel("Contexte"));
        context.setValue("Une équipe dispersée sur trois sites.");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        // Refused (no title): nothing is lost.
        assertThat(context.getValue()).isEqualTo("Une équipe dispersée sur trois sites.");
        assertThat(sessionService.board(session).caseTitle()).isNull();

        title.setValue("Une équipe dispersée");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        assertThat(text("codev-case")).contains("Une équipe dispersée", "Une équipe dispersée sur trois sites.");
        assertThat(fixture.task(session, Steps.TASK_OPEN_SESSION, g.facilitator())).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_facilitator_adds_and_removes_members_and_a_removed_member_loses_the_board() {
        CodevFixture.Group g = fixture.group(4);
        String newcomer = data.user("nouveau", Roles.PARTICIPANT);
        data.as(g.facilitator(), () -> communityService.addMember(g.communityId(), newcomer, CommunityRole.MEMBER));
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String leaver = fixture.consultantsOf(g, session).get(0);

        signIn(g.facilitator());
        UI.getCurrent().navigate(CodevGroupView.class, g.id().toString());
        ComboBox<PersonOption> who = _get(ComboBox.class, spec -> spec.withId("codev-add-member"));
        com.github.mvysny.kaributesting.v10.ComboBoxKt.setUserInput(who, "");
        List<PersonOption> offered = com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestionItems(who);
        assertThat(offered).extracting(PersonOption::userId).contains(newcomer)
                .doesNotContain(g.members().toArray(String[]::new)).doesNotContain(g.facilitator());
        who.setValue(offered.stream().filter(p -> p.userId().equals(newcomer)).findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("codev-add-member-button")));
        assertThat(_get(Grid.class, spec -> spec.withId("codev-members-grid")).getListDataView().getItemCount()).isEqualTo(5);
        Grid<org.cohorte.codevelopment.service.MemberStanding> grid = _get(Grid.class, spec -> spec.withId("codev-members-grid"));
        List<org.cohorte.codevelopment.service.MemberStanding> rows = grid.getListDataView().getItems().toList();
        int row = rows.indexOf(rows.stream().filter(m -> m.userId().equals(leaver)).findFirst().orElseThrow());
        _click((Button) com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(grid, row, "remove"));
        assertThat(_get(Grid.class, spec -> spec.withId("codev-members-grid")).getListDataView().getItemCount()).isEqualTo(4);

        signIn(leaver);
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Introuvable");
        assertThat(UI.getCurrent().getElement().getTextRecursively()).doesNotContain("Mobiliser une équipe");
    }

    private static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }

    @Test
    void the_clients_answer_form_lists_each_question_as_it_is_asked_and_finishing_with_open_ones_asks_first() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String client = fixture.clientOf(g, session);
        List<String> consultants = fixture.consultantsOf(g, session);
        signIn(client);
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        _click(button("complete-button"));
        awaitPushed("step 2", () -> text("codev-current-step").startsWith("Étape 2"));
        assertThat(text("codev-my-task")).contains("Aucune question pour l’instant");
        assertThat(_find(TextField.class, spec -> spec.withId("codev-answer-0"))).isEmpty();

        // A consultant asks from their own screen: the client's form gains the question, nothing to click.
        data.as(consultants.get(0), () -> sessionService.addQuestion(session, "Depuis quand l’équipe est-elle à distance ?"));
        awaitPushed("the first question in the form", () -> !_find(TextField.class, spec -> spec.withId("codev-answer-0")).isEmpty());
        assertThat(text("codev-answers")).contains("Depuis quand l’équipe est-elle à distance ?");
        // The "no questions yet" line is gone (Karibu finds only what is visible).
        assertThat(_find(Paragraph.class, spec -> spec.withId("codev-no-questions"))).isEmpty();

        // Finishing now asks first; cancelling loses nothing, the task stays open.
        _click(button("complete-button"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("codev-open-items-text")).getText())
                .isEqualTo("1 question(s) sans réponse. Terminer l’étape quand même ? Vous ne pourrez plus y répondre ensuite.");
        _click(button("codev-open-items-cancel"));
        assertThat(_find(Paragraph.class, spec -> spec.withId("codev-open-items-text"))).isEmpty();
        assertThat(fixture.task(session, Steps.TASK_ANSWER_QUESTIONS, client)).isNotNull();

        // What she types stays while another question arrives; she answers the first, the second stays open.
        TextField first = _get(TextField.class, spec -> spec.withId("codev-answer-0"));
        first.setValue("Depuis six mois.");
        data.as(consultants.get(1), () -> sessionService.addQuestion(session, "Combien de sites ?"));
        awaitPushed("the second question", () -> !_find(TextField.class, spec -> spec.withId("codev-answer-1")).isEmpty());
        assertThat(first.getValue()).isEqualTo("Depuis six mois.");
        _click(_find(Button.class, spec -> spec.withText("Répondre")).get(0));
        assertThat(data.as(client, () -> sessionService.board(session)).questions().get(0).answer()).isEqualTo("Depuis six mois.");
        awaitPushed("the saved answer", () -> text("codev-questions").contains("Depuis six mois."));

        _click(button("complete-button"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("codev-open-items-text")).getText()).startsWith("1 question(s)");
        _click(button("codev-open-items-confirm"));
        assertThat(fixture.task(session, Steps.TASK_ANSWER_QUESTIONS, client)).isNull();
        assertThat(text("codev-my-task")).doesNotContain("Combien de sites ?");
    }

    @Test
    void the_facilitator_writes_notes_and_the_video_link_the_group_sees_them_live_and_only_the_facilitator_edits() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String consultant = fixture.consultantsOf(g, session).get(0);

        signIn(g.facilitator());
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(_find(Anchor.class, spec -> spec.withId("codev-video"))).isEmpty();
        _get(TextField.class, spec -> spec.withId("codev-video-url")).setValue("javascript:alert(1)");
        _click(button("codev-video-save"));
        assertThat(data.as(consultant, () -> sessionService.board(session).videoUrl())).isNull();
        _get(TextField.class, spec -> spec.withId("codev-video-url")).setValue("https://visio.example.org/cercle");
        _click(button("codev-video-save"));
        awaitPushed("the link", () -> !_find(Anchor.class, spec -> spec.withId("codev-video")).isEmpty());
        _get(TextArea.class, spec -> spec.withId("codev-notes-text")).setValue("Cas : télétravail, 12 personnes.");
        _click(button("codev-notes-save"));
        awaitPushed("the notes", () -> text("codev-notes").contains("Cas : télétravail, 12 personnes."));

        // The same notes saved meanwhile from the facilitator's other device, while this one has unsaved text:
        // the text is kept, the board says the notes changed, the first save is refused, the second replaces.
        TextArea notes = _get(TextArea.class, spec -> spec.withId("codev-notes-text"));
        notes.setValue("Cas : télétravail, 12 personnes, 3 sites.");
        data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 1, "Depuis la tablette", 1));
        awaitPushed("the other save", () -> text("codev-notes").contains("Depuis la tablette"));
        assertThat(_get(Span.class, spec -> spec.withId("codev-notes-outdated")).isVisible()).isTrue();
        assertThat(notes.getValue()).isEqualTo("Cas : télétravail, 12 personnes, 3 sites.");
        _click(button("codev-notes-save"));
        assertThat(data.as(consultant, () -> sessionService.board(session)).note(1).body()).isEqualTo("Depuis la tablette");
        assertThat(notes.getValue()).isEqualTo("Cas : télétravail, 12 personnes, 3 sites.");
        _click(button("codev-notes-save"));
        assertThat(data.as(consultant, () -> sessionService.board(session)).note(1).body())
                .isEqualTo("Cas : télétravail, 12 personnes, 3 sites.");

        // The step moves on while unsaved notes are typed: the editor keeps them on their step until they are saved.
        notes.setValue("Cas : télétravail, 12 personnes, 3 sites. Exposé clair.");
        data.as(g.facilitator(), () -> sessionService.advance(session, 1));
        awaitPushed("step 2", () -> text("codev-current-step").startsWith("Étape 2"));
        assertThat(notes.getValue()).isEqualTo("Cas : télétravail, 12 personnes, 3 sites. Exposé clair.");
        assertThat(notes.getLabel()).isEqualTo("Notes de l’étape 1 (visibles par le groupe)");
        _click(button("codev-notes-save"));
        assertThat(data.as(consultant, () -> sessionService.board(session)).note(1).body()).endsWith("Exposé clair.");
        awaitPushed("the editor of step 2", () -> _get(TextArea.class, spec -> spec.withId("codev-notes-text")).getLabel()
                .equals("Notes de l’étape 2 (visibles par le groupe)"));
        assertThat(_get(TextArea.class, spec -> spec.withId("codev-notes-text")).getValue()).isEmpty();

        // A consultant reads link and notes, has no editor, and sees the next notes arrive.
        signIn(consultant);
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        Anchor video = _get(Anchor.class, spec -> spec.withId("codev-video"));
        assertThat(video.getHref()).isEqualTo("https://visio.example.org/cercle");
        assertThat(video.getElement().getAttribute("target")).isEqualTo("_blank");
        assertThat(video.getElement().getAttribute("rel")).contains("noopener");
        assertThat(text("codev-notes")).contains("Cas : télétravail, 12 personnes, 3 sites.");
        assertThat(_find(TextArea.class, spec -> spec.withId("codev-notes-text"))).isEmpty();
        assertThat(_find(TextField.class, spec -> spec.withId("codev-video-url"))).isEmpty();
        data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 2, "Les questions portent sur les sites.", 0));
        awaitPushed("the new notes", () -> text("codev-notes").contains("Les questions portent sur les sites."));
    }

    @Test
    void the_client_sees_the_board_notes_beside_the_synthesis_as_they_are_written_and_copies_them_in() {
        CodevFixture.Group g = fixture.group(4);
        UUID session = fixture.launch(g, SessionMode.LIVE);
        fixture.prepareAndOpen(g, session);
        String client = fixture.clientOf(g, session);
        List<String> consultants = fixture.consultantsOf(g, session);
        data.as(client, () -> sessionService.finishPresentation(fixture.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 2, "Équipe de 12, trois sites.", 0));
        consultants.forEach(c -> data.as(c, () -> sessionService.finishClarification(
                fixture.task(session, Steps.TASK_ASK_QUESTIONS, c).getId())));
        data.as(client, () -> {
            sessionService.finishClarification(fixture.task(session, Steps.TASK_ANSWER_QUESTIONS, client).getId());
            sessionService.writeContract(fixture.task(session, Steps.TASK_WRITE_CONTRACT, client).getId(),
                    "Comment garder l’engagement à distance ?");
        });
        data.as(g.facilitator(), () -> sessionService.validateContract(
                fixture.task(session, Steps.TASK_VALIDATE_CONTRACT, g.facilitator()).getId(), true));
        consultants.forEach(c -> data.as(c, () -> sessionService.finishConsultation(
                fixture.task(session, Steps.TASK_CONSULT, c).getId())));

        signIn(client);
        UI.getCurrent().navigate(SessionBoardView.class, session.toString());
        assertThat(text("codev-current-step")).startsWith("Étape 5");
        assertThat(text("codev-synthesis-notes")).contains("Étape 2 : Clarification", "Équipe de 12, trois sites.");
        // The facilitator notes the synthesis step while the client writes: it joins the notes beside her form.
        data.as(g.facilitator(), () -> sessionService.saveStepNotes(session, 5, "Retenu : café virtuel.", 0));
        awaitPushed("the step 5 notes", () -> text("codev-synthesis-notes").contains("Retenu : café virtuel."));
        TextArea synthesis = _get(TextArea.class, spec -> spec.withLabel("Synthèse : ce que je retiens"));
        synthesis.setValue("Ce que je retiens.");
        _click(button("codev-copy-notes"));
        assertThat(synthesis.getValue()).isEqualTo("Ce que je retiens.\n\nÉtape 2 : Clarification\nÉquipe de 12, trois sites."
                + "\n\nÉtape 5 : Synthèse et plan d’action\nRetenu : café virtuel.");
    }
}
