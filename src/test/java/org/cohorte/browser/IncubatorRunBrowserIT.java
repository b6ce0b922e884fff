package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.cohorte.incubator.IncubatorFixture;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In a real browser: the team records a check-in from the experiment's page, then closes the run early. */
class IncubatorRunBrowserIT extends IntegrationTest {

    @Autowired
    IncubatorFixture fixture;
    @Autowired
    IncubatorService incubator;

    @Test
    void the_team_checks_in_from_the_page_and_closes_the_run_early() {
        Browser.requireChromium();
        IncubatorFixture.Cast cast = fixture.cast();
        UUID id = fixture.propose(cast, 10_000, 6);
        String review = fixture.task(id, IncubatorService.TASK_REVIEW).getId();
        data.as(cast.committee(), () -> incubator.review(review, DecisionKind.APPROVE, ""));
        String card = fixture.task(id, IncubatorService.TASK_TEST_CARD).getId();
        data.as(cast.proposer(), () -> incubator.submitTestCard(card, "On croit", "On fera", "On mesurera", "On aura raison si"));

        try (Browser browser = new Browser(baseUrl())) {
            browser.signIn(cast.teammate(), TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open("/incubator/experiment/" + id);
            browser.click("#incubator-record-check-in");
            browser.type("#incubator-observations textarea", "Les premières réservations arrivent");
            browser.screenshot("incubator-check-in-any-time");
            browser.click("#incubator-check-in-save");
            browser.waitForText("#incubator-check-ins", "Les premières réservations arrivent");

            browser.click("#incubator-close-early");
            browser.type("#incubator-close-reason textarea", "Le résultat est déjà clair");
            browser.screenshot("incubator-close-early");
            browser.click("#incubator-close-confirm");
            browser.waitForText("#incubator-stage", "Carte d’apprentissage");
            browser.screenshot("incubator-closed-early");
        }
        assertThat(data.as(cast.sponsor(), () -> incubator.get(id)).getStage()).isEqualTo(ExperimentStage.LEARNING);
    }
}
