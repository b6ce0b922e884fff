package org.cohorte.incubator;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.DecimalField;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.incubator.service.Person;
import org.cohorte.incubator.ui.ExperimentBoardView;
import org.cohorte.incubator.ui.ExperimentDetailView;
import org.cohorte.incubator.ui.ProposeExperimentView;
import org.cohorte.shell.AccessDeniedView;
import org.cohorte.tasks.ui.InboxView;
import org.cohorte.tasks.ui.TaskView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IncubatorViewIT extends ViewTest {

    @Autowired
    IncubatorFixture fixture;
    @Autowired
    IncubatorService incubator;

    private IncubatorFixture.Cast cast;

    @BeforeEach
    void setUp() {
        cast = fixture.cast();
    }

    private static Component currentView() {
        return (Component) UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);
    }

    private static Div card(UUID id) {
        return _get(Div.class, spec -> spec.withId("incubator-card-" + id));
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(String id) {
        return _get(ComboBox.class, spec -> spec.withId(id));
    }

    @Test
    void the_board_shows_the_experiment_in_its_stage_column_and_filters_by_organization_and_stage() {
        UUID id = fixture.propose(cast, 1000, 6);
        signIn(cast.sponsor());
        UI.getCurrent().navigate(ExperimentBoardView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Tableau des expérimentations");
        Div proposal = _get(Div.class, spec -> spec.withId("incubator-column-PROPOSAL"));
        assertThat(_find(proposal, Div.class, spec -> spec.withId("incubator-card-" + id))).hasSize(1);
        assertThat(_find(proposal, Span.class, spec -> spec.withText("En examen"))).hasSize(1);
        assertThat(_find(Anchor.class, spec -> spec.withId("incubator-export"))).hasSize(1);
        // A manager who is not a member proposes nothing here.
        assertThat(_find(Button.class, spec -> spec.withId("incubator-propose"))).isEmpty();

        ComboBox<ExperimentStage> stage = combo("incubator-filter-stage");
        stage.setValue(ExperimentStage.RUNNING);
        assertThat(_find(Div.class, spec -> spec.withId("incubator-card-" + id))).isEmpty();
        stage.setValue(ExperimentStage.IN_REVIEW);
        assertThat(_find(Div.class, spec -> spec.withId("incubator-card-" + id))).hasSize(1);
        stage.clear();
        ComboBox<OrganizationRef> organization = combo("incubator-filter-organization");
        OrganizationRef other = organization.getListDataView().getItems()
                .filter(o -> !o.id().equals(cast.organization())).findFirst().orElseThrow();
        organization.setValue(other);
        assertThat(_find(Div.class, spec -> spec.withId("incubator-card-" + id))).isEmpty();

        organization.clear();
        card(id).getElement().getNode(); // still there
        _click(card(id));
        assertThat(currentView()).isInstanceOf(ExperimentDetailView.class);
        assertThat(_get(H2.class, spec -> spec.withId("incubator-title")).getText()).isEqualTo("Prise de rendez-vous en ligne");
    }

    @Test
    void someone_outside_the_team_sees_neither_the_card_nor_the_history() {
        UUID id = fixture.propose(cast, 1000, 6);
        signIn(cast.outsider());
        UI.getCurrent().navigate(ExperimentBoardView.class);
        assertThat(_find(Div.class, spec -> spec.withId("incubator-card-" + id))).isEmpty();
        UI.getCurrent().navigate(ExperimentDetailView.class, id.toString());
        assertThat(_get(H2.class).getText()).isEqualTo("Expérimentation introuvable");
        assertThat(_find(Div.class, spec -> spec.withId("incubator-decisions"))).isEmpty();
    }

    @Test
    void the_history_shows_iterations_check_ins_and_decisions() {
        UUID id = fixture.awaitingDecision(cast, 17);
        String decision = fixture.task(id, IncubatorService.TASK_DECISION).getId();
        data.as(cast.committee2(), () -> incubator.decide(decision, DecisionKind.STOP, "On arrête là", 0));
        signIn(cast.teammate());
        UI.getCurrent().navigate(ExperimentDetailView.class, id.toString());
        assertThat(_get(Span.class, spec -> spec.withId("incubator-stage")).getText()).isEqualTo("Arrêtée (archivée)");
        Div iterations = _get(Div.class, spec -> spec.withId("incubator-iterations"));
        assertThat(_find(iterations, Span.class, spec -> spec.withText("Ouvrir la réservation en ligne"))).isEmpty();
        assertThat(iterations.getElement().getTextRecursively()).contains("Itération 1").contains("ouvrir la réservation en ligne")
                .contains("La réservation en ligne attire surtout les jeunes");
        assertThat(_get(Div.class, spec -> spec.withId("incubator-check-ins")).getElement().getTextRecursively())
                .contains("Semaine 1").contains("Bon départ").contains("20");
        assertThat(_get(Div.class, spec -> spec.withId("incubator-decisions")).getElement().getTextRecursively())
                .contains("Approuvée").contains("Arrêter").contains("Suggestion : Persévérer").contains("On arrête là");
        // The team may publish the learning card.
        assertThat(_find(Button.class, spec -> spec.withId("incubator-publish"))).hasSize(1);
    }

    @Test
    void a_proposal_without_hypothesis_is_refused_with_a_message_and_nothing_typed_is_lost() {
        signIn(cast.proposer());
        UI.getCurrent().navigate(ProposeExperimentView.class);
        _get(TextField.class, spec -> spec.withId("incubator-title")).setValue("Clavardage citoyen");
        ComboBox<OrganizationRef> organization = combo("incubator-organization");
        organization.setValue(organization.getListDataView().getItems()
                .filter(o -> o.id().equals(cast.organization())).findFirst().orElseThrow());
        ComboBox<Person> sponsor = combo("incubator-sponsor");
        sponsor.setValue(sponsor.getListDataView().getItems().filter(p -> p.userId().equals(cast.sponsor()))
                .findFirst().orElseThrow());
        _get(TextArea.class, spec -> spec.withId("incubator-problem")).setValue("Les courriels restent sans réponse");
        _get(TextField.class, spec -> spec.withId("incubator-metric")).setValue("Délai de réponse");
        _get(DecimalField.class, spec -> spec.withId("incubator-threshold")).setValue("24,5");
        _click(_get(Button.class, spec -> spec.withId("incubator-submit")));
        expectNotifications("Une proposition sans hypothèse ne peut être soumise : énoncez l’hypothèse.");
        assertThat(currentView()).isInstanceOf(ProposeExperimentView.class);
        assertThat(_get(TextField.class, spec -> spec.withId("incubator-title")).getValue()).isEqualTo("Clavardage citoyen");

        _get(TextArea.class, spec -> spec.withId("incubator-hypothesis")).setValue("Un clavardage répond plus vite");
        _click(_get(Button.class, spec -> spec.withId("incubator-submit")));
        assertThat(currentView()).isInstanceOf(ExperimentDetailView.class);
        assertThat(_get(H2.class, spec -> spec.withId("incubator-title")).getText()).isEqualTo("Clavardage citoyen");
        assertThat(data.as(cast.sponsor(), () -> incubator.board(cast.organization(), null)))
                .singleElement().satisfies(e -> {
                    assertThat(e.getTitle()).isEqualTo("Clavardage citoyen");
                    assertThat(e.getThreshold()).isEqualTo(24.5);
                });
    }

    @Test
    void the_forum_cannot_open_the_proposal_form() {
        String forum = data.user("forum", Roles.FORUM);
        signIn(forum);
        UI.getCurrent().navigate(ProposeExperimentView.class);
        assertThat(currentView()).isInstanceOf(AccessDeniedView.class);
        UI.getCurrent().navigate(ExperimentBoardView.class);
        assertThat(currentView()).isInstanceOf(ExperimentBoardView.class);
    }

    @Test
    void the_committee_reviews_from_the_task_page_and_a_rejection_needs_a_reason() {
        UUID id = fixture.propose(cast, 80_000, 6);
        String taskId = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        signIn(cast.committee2());
        UI.getCurrent().navigate(TaskView.class, taskId);
        assertThat(_get(H2.class).getText()).isEqualTo("Examiner la proposition");
        assertThat(_get(Anchor.class, spec -> spec.withId("incubator-task-experiment")).getText())
                .isEqualTo("Prise de rendez-vous en ligne");
        assertThat(_find(Span.class, spec -> spec.withId("incubator-second-level"))).hasSize(1);
        @SuppressWarnings("unchecked")
        RadioButtonGroup<DecisionKind> outcome = _get(RadioButtonGroup.class, spec -> spec.withId("incubator-review-outcome"));
        outcome.setValue(DecisionKind.REJECT);
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        expectNotifications("Donnez la raison du refus.");
        assertThat(fixture.task(id, IncubatorService.TASK_REVIEW)).isNotNull();

        _get(TextArea.class, spec -> spec.withId("incubator-review-comment")).setValue("Hors mandat");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        assertThat(fixture.task(id, IncubatorService.TASK_REVIEW)).isNull();
        assertThat(currentView()).isInstanceOf(InboxView.class);
        assertThat(data.as(cast.proposer(), () -> incubator.get(id).getStage())).isEqualTo(ExperimentStage.REJECTED);
    }

    @Test
    void a_team_member_fills_the_weekly_check_in_and_declares_a_blocker() {
        UUID id = fixture.propose(cast, 1000, 6);
        String review = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee(), () -> incubator.review(review, DecisionKind.APPROVE, ""));
        String card = fixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
        signIn(cast.teammate());
        UI.getCurrent().navigate(TaskView.class, card);
        assertThat(_get(TextArea.class, spec -> spec.withId("incubator-we-believe")).getValue())
                .isEqualTo("Un rendez-vous en ligne réduit l’attente.");
        _get(TextArea.class, spec -> spec.withId("incubator-we-will")).setValue("Ouvrir la réservation");
        _get(TextArea.class, spec -> spec.withId("incubator-we-are-right-if")).setValue("Attente sous 15 minutes");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        expectNotifications("Tâche terminée.");
        assertThat(data.as(cast.teammate(), () -> incubator.get(id).getStage())).isEqualTo(ExperimentStage.RUNNING);

        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(8))));
        assertThat(fixture.fireDueTimers(id)).isEqualTo(1);
        String checkIn = fixture.task(id, IncubatorService.TASK_CHECK_IN).getId();
        UI.getCurrent().navigate(TaskView.class, checkIn);
        _get(TextArea.class, spec -> spec.withId("incubator-observations")).setValue("Peu de réservations");
        DecimalField metric = _get(DecimalField.class, spec -> spec.withId("incubator-metric-value"));
        metric.setValue("abc");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        expectNotifications("« abc » n’est pas un nombre : tapez par exemple 7,5 ou 1 250.");
        // "7,5" used to be stored as 75 by the browser's NumberField.
        metric.setValue("7,5");
        _get(TextField.class, spec -> spec.withId("incubator-blocker-title")).setValue("Pas de budget pour les SMS");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        expectNotifications("Donnez un titre et une description à l’obstacle.");
        _get(TextArea.class, spec -> spec.withId("incubator-blocker-description")).setValue("Le fournisseur demande un contrat");
        _click(_get(Button.class, spec -> spec.withId("complete-button")));
        var history = data.as(cast.committee(), () -> incubator.history(id));
        assertThat(history.checkIns()).singleElement().satisfies(c -> {
            assertThat(c.getMetricValue()).isEqualTo(7.5);
            assertThat(c.getBlockerId()).isNotNull();
        });
        assertThat(history.blockers()).extracting(b -> b.title()).containsExactly("Pas de budget pour les SMS");
        assertThat(Set.of(id)).isNotEmpty();
    }
}
