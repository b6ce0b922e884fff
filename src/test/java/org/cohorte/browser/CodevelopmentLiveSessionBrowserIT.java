package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.SessionBoard;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A live session in five real browsers, from launch to the end of its six steps: the facilitator launches,
 * opens and steers it, the client prepares, presents, contracts and synthesises, three consultants ask
 * questions and contribute, everyone notes a learning and rates it; every board follows without reloading
 * (server push): the questions on the client's answer form, the facilitator's step notes on the consultants' boards.
 * The session's video call link, set at launch, is a link opening a new tab on every board.
 */
class CodevelopmentLiveSessionBrowserIT extends IntegrationTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    /** Scrolls the element to the middle of the window first: the bottom corner holds Vaadin's development-mode notice. */
    private static void click(Browser browser, String css) {
        var element = browser.waitFor(css);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        try {
            browser.click(css);
        } catch (org.openqa.selenium.ElementClickInterceptedException e) {
            // On a phone-sized window Vaadin's development tools may cover the button: blur (commits the field), then click.
            browser.driver().executeScript("document.activeElement && document.activeElement.blur(); arguments[0].click();", element);
        }
    }

    /** Waits until every browser shows the text in the element (its DOM text: a phone may have it scrolled away). */
    private static void waitAll(List<Browser> browsers, String css, String text) {
        for (Browser b : browsers) {
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver(), java.time.Duration.ofSeconds(60)).until(d -> {
                Object content = b.driver().executeScript(
                        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
                return content != null && content.toString().contains(text);
            });
        }
    }

    /**
     * What reaches past the right edge of the screen: "" when nothing does (the page does not scroll sideways and no
     * element of the board sticks out), else the elements that do, to say which.
     */
    private static final String WIDER_THAN_THE_SCREEN = "const w = window.innerWidth;"
            + " const out = Array.from(document.querySelectorAll('.codev-board *'))"
            + ".filter(e => e.getBoundingClientRect().right > w + 1)"
            + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));"
            + " if (document.documentElement.scrollWidth > w) out.unshift('page ' + document.documentElement.scrollWidth);"
            + " return out.join(' | ');";

    @Test
    void a_facilitator_a_client_and_three_consultants_run_a_live_session_and_every_board_follows() {
        CodevFixture.Group g = fixture.group(4);
        String client = data.as(g.facilitator(), () -> groupService.get(g.id()).suggestedClientId());
        List<String> consultants = g.members().stream().filter(m -> !m.equals(client)).toList();
        List<Browser> all = new ArrayList<>();
        try {
            Browser facilitator = new Browser(baseUrl());
            all.add(facilitator);
            long signingIn = System.nanoTime();
            facilitator.signIn(g.facilitator(), TestData.PASSWORD);
            facilitator.waitFor("vaadin-app-layout");
            facilitator.open("/codevelopment/group/" + g.id());
            facilitator.waitFor("#codev-launch-submit");
            facilitator.type("#codev-launch-video input", "https://visio.example.org/cercle-paie");
            facilitator.screenshot("codev-01-group-desktop");
            click(facilitator, "#codev-launch-submit");
            facilitator.waitUntilUrlContains("/codevelopment/session/");
            String url = facilitator.driver().getCurrentUrl();
            UUID session = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
            facilitator.waitForText("#codev-status-badge", "En préparation");
            // A figure for the notes: from the login form to a launched session's board, the group being ready.
            System.out.println("LAUNCH login to launched session board: "
                    + java.time.Duration.ofNanos(System.nanoTime() - signingIn).toMillis() + " ms");

            Browser clientBrowser = new Browser(baseUrl());
            all.add(clientBrowser);
            List<Browser> consultantBrowsers = new ArrayList<>();
            for (int i = 0; i < consultants.size(); i++) {
                Browser b = new Browser(baseUrl(), i == 0 ? 390 : 1024, 844);
                all.add(b);
                consultantBrowsers.add(b);
            }
            clientBrowser.signIn(client, TestData.PASSWORD);
            clientBrowser.waitFor("vaadin-app-layout");
            clientBrowser.open("/codevelopment/session/" + session);
            for (int i = 0; i < consultants.size(); i++) {
                Browser b = consultantBrowsers.get(i);
                b.signIn(consultants.get(i), TestData.PASSWORD);
                b.waitFor("vaadin-app-layout");
                b.open("/codevelopment/session/" + session);
                b.waitFor("#codev-board-title");
            }

            // The client prepares the case on the board; everyone's board shows it.
            clientBrowser.waitForText("#codev-my-task", "Préparer mon cas");
            clientBrowser.type("#codev-field-1 input", "Accompagner un changement de système");
            clientBrowser.type("#codev-field-2 textarea", "Mon équipe de la paie change de système en juin.");
            click(clientBrowser, "#complete-button");
            waitAll(all, "#codev-case", "Accompagner un changement de système");

            // The facilitator opens the session (everyone present): step 1 everywhere.
            facilitator.waitForText("#codev-my-task", "Ouvrir la séance");
            click(facilitator, "#complete-button");
            waitAll(all, "#codev-current-step", "Étape 1 sur 6");
            facilitator.waitFor("#codev-time-left");

            clientBrowser.waitForText("#codev-my-task", "Présenter mon cas");
            click(clientBrowser, "#complete-button");
            waitAll(all, "#codev-current-step", "Étape 2 sur 6");

            // Each consultant asks a question; the question appears on every board, and in the client's answer form.
            for (int i = 0; i < consultantBrowsers.size(); i++) {
                Browser b = consultantBrowsers.get(i);
                b.waitForText("#codev-my-task", "Questions factuelles seulement");
                b.type("#codev-field-1 textarea", "Question numéro " + (i + 1) + " ?");
                click(b, "#codev-ask");
                waitAll(all, "#codev-questions", "Question numéro " + (i + 1) + " ?");
                waitAll(List.of(clientBrowser), "#codev-answers", "Question numéro " + (i + 1) + " ?");
            }

            // The facilitator's notes of the step appear on the consultants' boards as they are saved.
            facilitator.type("#codev-notes-text textarea", "Trois questions sur le calendrier de la migration.");
            click(facilitator, "#codev-notes-save");
            waitAll(consultantBrowsers, "#codev-notes", "Trois questions sur le calendrier de la migration.");
            waitAll(List.of(clientBrowser), "#codev-notes", "Trois questions sur le calendrier de la migration.");
            // The video link, on a phone too: a new tab that cannot reach back into the board.
            for (Browser b : consultantBrowsers) {
                Object link = b.driver().executeScript("const a = document.querySelector('#codev-video');"
                        + " return a ? [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')].join(' ') : '';");
                assertThat(link).isEqualTo("https://visio.example.org/cercle-paie _blank noopener noreferrer");
            }
            Browser phone = consultantBrowsers.get(0);
            assertThat(phone.driver().executeScript(WIDER_THAN_THE_SCREEN))
                    .as("no horizontal scroll at 390 px").isEqualTo("");
            phone.driver().executeScript("document.querySelector('#codev-notes').scrollIntoView({block: 'start'})");
            phone.screenshot("codev-02-board-phone");
            facilitator.screenshot("codev-03-board-desktop");
            clientBrowser.driver().executeScript("document.querySelector('#codev-my-task').scrollIntoView({block: 'start'})");
            clientBrowser.screenshot("codev-03b-client-answers");
            // The same answer form on the client's phone: every question, nothing wider than the screen.
            Browser clientPhone = new Browser(baseUrl(), 390, 844);
            all.add(clientPhone);
            clientPhone.signIn(client, TestData.PASSWORD);
            clientPhone.waitFor("vaadin-app-layout");
            clientPhone.open("/codevelopment/session/" + session);
            clientPhone.waitForText("#codev-answers", "Question numéro 3 ?");
            assertThat(clientPhone.driver().executeScript(WIDER_THAN_THE_SCREEN))
                    .as("no horizontal scroll at 390 px").isEqualTo("");
            clientPhone.driver().executeScript("document.querySelector('#codev-answers').scrollIntoView({block: 'start'})");
            clientPhone.screenshot("codev-03c-client-answers-phone");
            all.remove(clientPhone);
            clientPhone.close();

            click(facilitator, "#codev-advance");
            waitAll(all, "#codev-current-step", "Étape 3 sur 6");
            clientBrowser.waitForText("#codev-my-task", "Formuler le contrat");
            clientBrowser.type("#codev-field-1 textarea", "Comment garder mon équipe engagée pendant la migration ?");
            click(clientBrowser, "#complete-button");
            facilitator.waitForText("#codev-my-task", "Valider le contrat");
            click(facilitator, "#complete-button");
            waitAll(all, "#codev-current-step", "Étape 4 sur 6");
            waitAll(all, "#codev-case", "Comment garder mon équipe engagée");

            for (int i = 0; i < consultantBrowsers.size(); i++) {
                Browser b = consultantBrowsers.get(i);
                b.waitForText("#codev-my-task", "Consulter");
                b.type("#codev-field-1 textarea", "Idée numéro " + (i + 1));
                click(b, "#codev-contribute");
                waitAll(all, "#codev-contributions", "Idée numéro " + (i + 1));
                click(b, "#complete-button");
            }
            waitAll(all, "#codev-current-step", "Étape 5 sur 6");
            clientBrowser.screenshot("codev-04-board-client-synthesis");

            // The client writes the synthesis and one action; then everyone notes a learning and rates the session.
            clientBrowser.waitForText("#codev-my-task", "Rédiger la synthèse");
            // The board notes sit beside the synthesis, to draw from.
            clientBrowser.waitForText("#codev-synthesis-notes", "Trois questions sur le calendrier de la migration.");
            clientBrowser.type("#codev-field-1 textarea", "Je retiens les rencontres courtes et fréquentes.");
            clientBrowser.type("#codev-action-1 input", "Tenir une rencontre de 15 minutes chaque lundi");
            String due = java.time.LocalDate.now().plusDays(30).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            clientBrowser.type("#codev-action-due-1 input", due);
            click(clientBrowser, "#complete-button");
            waitAll(all, "#codev-current-step", "Étape 6 sur 6");
            waitAll(all, "#codev-case", "Tenir une rencontre de 15 minutes chaque lundi");
            for (int i = 0; i < all.size(); i++) {
                Browser b = all.get(i);
                b.waitForText("#codev-my-task", "Noter mes apprentissages");
                b.type("#codev-field-1 textarea", "Apprentissage " + (i + 1));
                click(b, "#codev-rating vaadin-radio-button:nth-of-type(" + (i % 2 + 4) + ")");
                click(b, "#complete-button");
            }
            waitAll(all, "#codev-status-badge", "En attente du retour");
            waitAll(all, "#codev-learnings", "Apprentissage 5");
            facilitator.screenshot("codev-05-board-after-session");

            SessionBoard board = data.as(g.facilitator(), () -> sessionService.board(session));
            assertThat(board.questions()).hasSize(3);
            assertThat(board.contributions()).extracting(SessionBoard.Entry::body)
                    .containsExactly("Idée numéro 1", "Idée numéro 2", "Idée numéro 3");
            assertThat(board.contract()).isEqualTo("Comment garder mon équipe engagée pendant la migration ?");
            assertThat(board.actions()).extracting(SessionBoard.Action::dueDate).containsExactly(java.time.LocalDate.now().plusDays(30));
            assertThat(board.learnings()).hasSize(5).allSatisfy(l -> assertThat(l.rating()).isBetween(4, 5));
        } catch (RuntimeException | AssertionError e) {
            for (int i = 0; i < all.size(); i++) {
                all.get(i).screenshot("codev-failure-" + i);
            }
            throw e;
        } finally {
            all.forEach(Browser::close);
        }
    }
}
