package org.cohorte.incubator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The experiment board and an experiment's history in a real browser, on a desktop and on a phone. */
class IncubatorBoardBrowserIT extends IntegrationTest {

    @Autowired
    IncubatorFixture fixture;
    @Autowired
    IncubatorService incubator;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @Test
    void the_sponsor_sees_the_board_and_opens_an_experiment_on_desktop_and_phone() {
        IncubatorFixture.Cast cast = fixture.cast();
        fixture.propose(cast, 80_000, 10);
        UUID decided = fixture.awaitingDecision(cast, 14);
        String decision = fixture.task(decided, IncubatorService.TASK_DECISION).getId();
        data.as(cast.committee2(), () -> incubator.decide(decision, DecisionKind.SCALE, "À suivre comme indicateur", 0));
        UUID waiting = fixture.awaitingDecision(cast, 17);
        org.camunda.bpm.engine.impl.util.ClockUtil.reset();

        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            String suffix = size[0] < 500 ? "phone" : "desktop";
            try (Browser browser = new Browser(baseUrl(), size[0], size[1])) {
                browser.signIn(cast.sponsor(), TestData.PASSWORD);
                browser.waitFor("vaadin-app-layout");
                browser.open("/incubator");
                browser.waitForText("#incubator-column-LEARNING", "Prise de rendez-vous en ligne");
                assertThat(browser.driver().getTitle()).isEqualTo("Tableau des expérimentations");
                assertThat(browser.waitFor("#incubator-column-SCALED").getText()).contains("Prise de rendez-vous en ligne");
                assertThat(browser.waitFor("#incubator-column-PROPOSAL").getText()).contains("En examen");
                browser.screenshot("incubator-board-" + suffix);

                // Centred first: on a phone the development-mode notice covers the bottom of the screen.
                browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});",
                        browser.waitFor("#incubator-card-" + waiting));
                browser.click("#incubator-card-" + waiting);
                browser.waitForText("#incubator-title", "Prise de rendez-vous en ligne");
                assertThat(browser.waitFor("#incubator-check-ins").getText()).contains("Bon départ");
                assertThat(browser.waitFor("#incubator-stage").getText()).isEqualTo("Décision du comité");
                browser.screenshot("incubator-detail-" + suffix);
            }
        }
    }
}
