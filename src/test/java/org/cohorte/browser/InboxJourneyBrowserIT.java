package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.cohorte.identity.domain.MemberProfileRepository;
import org.cohorte.identity.service.MemberForm;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;
import org.cohorte.onboarding.service.OnboardingService;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A new member signs in with a real browser, finds the onboarding task in "Mes tâches" and completes it. */
class InboxJourneyBrowserIT extends IntegrationTest {

    @Autowired
    MemberService memberService;
    @Autowired
    TaskService taskService;
    @Autowired
    MemberProfileRepository profiles;
    @Autowired
    TestProcesses processes;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @Test
    void a_new_member_signs_in_sees_the_inbox_and_completes_the_demo_task() {
        String admin = data.user("admin", Roles.ADMIN);
        String userId = "nouveau." + System.nanoTime();
        MemberForm form = new MemberForm();
        form.setUserId(userId);
        form.setFirstName("Julie");
        form.setLastName("Bergeron");
        form.setEmail("julie@example.org");
        form.setPassword("soiree-au-lac-bleu");
        form.setGroups(Set.of(Roles.PARTICIPANT));
        data.as(admin, () -> memberService.createMember(form));

        try (Browser browser = new Browser(baseUrl())) {
            browser.open("/tasks");
            browser.waitFor("vaadin-login-form");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
            assertThat(browser.pageText()).contains("Connexion");
            browser.screenshot("01-login");

            browser.signIn(userId, "soiree-au-lac-bleu");
            browser.waitForText("#inbox-grid", "Compléter mon profil");
            assertThat(browser.driver().getTitle()).isEqualTo("Mes tâches");
            browser.screenshot("02-inbox");

            browser.click("#inbox-grid vaadin-button.open-button");
            browser.waitFor("#onboarding-display-name");
            assertThat(browser.pageText()).contains("Compléter mon profil", "Accueil d’un nouveau membre");
            browser.screenshot("03-task");

            browser.type("#onboarding-display-name input", "Julie B.");
            browser.click("#complete-button");
            browser.waitForText("vaadin-notification-card", "Tâche terminée");
            browser.screenshot("04-completed");

            // An admin-only screen: refused in French, whatever the address typed.
            browser.open("/admin/members");
            browser.waitFor("h2");
            assertThat(browser.pageText()).containsAnyOf("Accès refusé", "Page introuvable").doesNotContain("Nouveau membre");
            browser.screenshot("05-denied");
        }

        assertThat(profiles.findById(userId).orElseThrow().getDisplayName()).isEqualTo("Julie B.");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(userId)
                .taskDefinitionKey(OnboardingService.TASK_COMPLETE_PROFILE).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(userId)
                .taskDefinitionKey(OnboardingService.TASK_WELCOME_MEMBER).count()).isEqualTo(1);
    }

    @Test
    void on_a_phone_sized_screen_the_inbox_keeps_the_task_its_due_date_and_its_actions() {
        String member = data.user("phone", Roles.PARTICIPANT);
        processes.personalTask(member, java.time.Instant.now().minus(java.time.Duration.ofHours(3)));
        try (Browser browser = new Browser(baseUrl(), 390, 844)) {
            browser.signIn(member, TestData.PASSWORD);
            browser.waitForText("#inbox-grid", "Tâche personnelle");
            browser.screenshot("06-inbox-phone");
            String headers = browser.driver().findElement(org.openqa.selenium.By.id("inbox-grid")).getText();
            assertThat(headers).contains("Tâche", "Échéance").doesNotContain("Démarche");
            var open = browser.waitFor("#inbox-grid vaadin-button.open-button");
            assertThat(open.getRect().getX() + open.getRect().getWidth()).isLessThanOrEqualTo(390);
        }
    }
}
