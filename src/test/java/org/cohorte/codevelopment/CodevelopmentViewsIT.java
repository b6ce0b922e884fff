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
import com.vaadin.flow.component.html.Div;
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
}
