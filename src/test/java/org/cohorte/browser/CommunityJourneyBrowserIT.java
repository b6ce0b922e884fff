package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.domain.TriageDecision;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.KnowledgeBaseService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** On a phone, a member asks their community a question and sees it triaged; screenshots of the main screens. */
class CommunityJourneyBrowserIT extends IntegrationTest {

    @Autowired
    CommunityService communities;
    @Autowired
    QuestionService questions;
    @Autowired
    KnowledgeBaseService knowledge;
    @Autowired
    TaskService taskService;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @Test
    void on_a_phone_a_member_asks_a_question_and_sees_it_triaged() {
        String facilitator = data.user("claire", Roles.FACILITATOR, Roles.PARTICIPANT);
        String expert = data.user("sophie", Roles.EXPERT, Roles.PARTICIPANT);
        String member = data.user("marc", Roles.PARTICIPANT);
        UUID community = data.as(facilitator, () -> {
            UUID id = communities.create("Coach RH " + UUID.randomUUID().toString().substring(0, 4),
                    "Gestion des ressources humaines", "Bienveillance et confidentialité.", null, List.of(facilitator), false).getId();
            communities.addMember(id, expert, CommunityRole.EXPERT);
            communities.addMember(id, member, CommunityRole.MEMBER);
            communities.setDuty(id, org.cohorte.base.time.EngineClock.today(), expert);
            return id;
        });
        data.as(expert, () -> knowledge.publish(community, "Délai de carence pour un congé de maladie",
                "Aucun délai de carence pour les congés imputés à la banque.", List.of("congés", "délais"), null, null));
        UUID earlier = data.as(facilitator, () -> questions.ask(community, "Télétravail : combien de jours au bureau ?",
                "Quelle règle appliquez-vous ?", List.of("télétravail")));

        try (Browser browser = new Browser(baseUrl(), 390, 844)) {
            browser.signIn(member, TestData.PASSWORD);
            browser.waitFor("vaadin-app-layout");
            browser.open("/community/" + community);
            browser.waitFor("#community-title");
            browser.type("#community-search input", "delai");
            browser.waitForText("#community-search-results", "Délai de carence pour un congé de maladie");
            browser.screenshot("community-01-search-phone");

            browser.driver().executeScript("arguments[0].click()", browser.waitFor("#question-ask"));
            browser.type("#question-title input", "Délai d’affichage d’un poste à l’interne ?");
            browser.type("#question-body textarea", "Nous voulons pourvoir un poste de conseiller rapidement.");
            browser.type("#question-tags input", "dotation, délais");
            // The dev-mode banner may cover the dialog's footer on a phone: click the button itself.
            browser.driver().executeScript("arguments[0].click()", browser.waitFor("#question-post"));
            browser.waitForText("#question-heading", "Délai d’affichage d’un poste à l’interne ?");
            assertThat(browser.driver().findElement(By.id("question-meta")).getText()).contains("À trier");
            browser.screenshot("community-02-asked-phone");

            UUID asked = data.as(member, () -> questions.listForCommunity(community, 5)).stream()
                    .filter(q -> q.title().startsWith("Délai d’affichage")).findFirst().orElseThrow().id();
            String triage = taskService.createTaskQuery().processInstanceBusinessKey(asked.toString()).singleResult().getId();
            data.as(facilitator, () -> questions.triage(triage, TriageDecision.ASSIGN, expert, null, null));

            browser.open("/question/" + asked);
            browser.waitForText("#question-meta", "En cours");
            assertThat(browser.pageText()).contains("Confiée à sophie Test");
            browser.screenshot("community-03-triaged-phone");
            int width = browser.driver().findElement(By.id("question-heading")).getRect().getWidth();
            assertThat(width).isLessThanOrEqualTo(390);
        }

        try (Browser desktop = new Browser(baseUrl())) {
            desktop.signIn(facilitator, TestData.PASSWORD);
            desktop.waitFor("vaadin-app-layout");
            desktop.open("/community/" + community);
            desktop.waitForText("#community-questions", "Télétravail");
            desktop.screenshot("community-04-community-desktop");
            desktop.open("/community-queue");
            desktop.waitForText("#community-queue", "Télétravail");
            desktop.screenshot("community-05-queue-desktop");
            desktop.open("/question/" + earlier);
            desktop.waitFor("#question-heading");
            desktop.screenshot("community-06-question-desktop");
            String triage = taskService.createTaskQuery().processInstanceBusinessKey(earlier.toString()).singleResult().getId();
            desktop.open("/tasks/" + triage);
            desktop.waitFor("#triage-decision");
            assertThat(desktop.pageText()).contains("Trier la question", "Confier à un pilote", "De garde cette semaine");
            desktop.screenshot("community-07-triage-desktop");
        }
    }
}
