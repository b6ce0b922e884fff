package org.cohorte.incubator;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.cohorte.base.ui.DecimalField;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.incubator.ui.ExperimentDetailView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The experiment page's run buttons: the team checks in any time and closes early; the committee closes early. */
class ExperimentRunButtonsViewIT extends ViewTest {

    @Autowired
    IncubatorFixture fixture;
    @Autowired
    IncubatorService incubator;

    private IncubatorFixture.Cast cast;

    @BeforeEach
    void setUp() {
        cast = fixture.cast();
    }

    private UUID running() {
        UUID id = fixture.propose(cast, 10_000, 6);
        String review = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee(), () -> incubator.review(review, DecisionKind.APPROVE, ""));
        String card = fixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(cast.proposer(), () -> incubator.submitTestCard(card, "On croit", "On fera", "On mesurera", "On aura raison si"));
        return id;
    }

    private void open(String who, UUID id) {
        signIn(who);
        UI.getCurrent().navigate(ExperimentDetailView.class, id.toString());
    }

    private static boolean present(String id) {
        return !_find(Button.class, spec -> spec.withId(id)).isEmpty();
    }

    @Test
    void the_team_records_a_check_in_from_the_page_during_the_run() {
        UUID id = running();
        open(cast.teammate(), id);
        assertThat(present("incubator-record-check-in")).isTrue();
        assertThat(present("incubator-close-early")).isTrue();

        _click(_get(Button.class, spec -> spec.withId("incubator-record-check-in")));
        _setValue(_get(TextArea.class, spec -> spec.withId("incubator-observations")), "Les réservations décollent");
        _get(DecimalField.class, spec -> spec.withId("incubator-metric-value")).setNumber(21.5);
        _click(_get(Button.class, spec -> spec.withId("incubator-check-in-save")));

        var checkIns = data.as(cast.sponsor(), () -> incubator.history(id)).checkIns();
        assertThat(checkIns).extracting(c -> c.getObservations(), c -> c.getMetricValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Les réservations décollent", 21.5));
        // The page shows it at once, and the run goes on.
        assertThat(_find(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withText("Les réservations décollent")))
                .hasSize(1);
        assertThat(_get(Span.class, spec -> spec.withId("incubator-stage")).getText()).isEqualTo("Essai en cours");
    }

    @Test
    void the_committee_closes_the_run_early_with_a_reason_and_the_page_shows_the_learning_stage() {
        UUID id = running();
        open(cast.committee2(), id);
        // Not on the team: no check-in, but the committee may close early.
        assertThat(present("incubator-record-check-in")).isFalse();
        _click(_get(Button.class, spec -> spec.withId("incubator-close-early")));
        // Without a reason, refused: still running.
        _click(_get(Button.class, spec -> spec.withId("incubator-close-confirm")));
        assertThat(data.as(cast.sponsor(), () -> incubator.get(id)).getStage()).isEqualTo(ExperimentStage.RUNNING);
        _setValue(_get(TextArea.class, spec -> spec.withId("incubator-close-reason")), "Décision budgétaire à prendre");
        _click(_get(Button.class, spec -> spec.withId("incubator-close-confirm")));

        assertThat(data.as(cast.sponsor(), () -> incubator.get(id)).getStage()).isEqualTo(ExperimentStage.LEARNING);
        assertThat(_get(Span.class, spec -> spec.withId("incubator-stage")).getText())
                .isEqualTo("Carte d’apprentissage");
        assertThat(present("incubator-close-early")).isFalse();
        assertThat(present("incubator-record-check-in")).isFalse();
    }

    @Test
    void the_sponsor_sees_neither_button_and_nobody_sees_them_before_the_run() {
        UUID id = running();
        open(cast.sponsor(), id);
        assertThat(present("incubator-record-check-in")).isFalse();
        assertThat(present("incubator-close-early")).isFalse();

        UUID proposed = fixture.propose(cast, 10_000, 6);
        open(cast.proposer(), proposed);
        assertThat(present("incubator-record-check-in")).isFalse();
        assertThat(present("incubator-close-early")).isFalse();
    }
}
