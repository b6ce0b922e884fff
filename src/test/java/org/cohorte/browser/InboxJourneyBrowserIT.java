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
        form.setPassword("mot-de-passe-1");
        form.setGroups(Set.of(Roles.PARTICIPANT));
        data.as(admin, () -> memberService.createMember(form));

        try (Browser browser = new Browser(baseUrl())) {
            browser.open("/tasks");
            browser.waitFor("vaadin-login-form");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
            assertThat(browser.pageText()).contains("Connexion");
            browser.screenshot("01-login");

            browser.signIn(userId, "mot-de-passe-1");
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
        }

        assertThat(profiles.findById(userId).orElseThrow().getDisplayName()).isEqualTo("Julie B.");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(userId)
                .taskDefinitionKey(OnboardingService.TASK_COMPLETE_PROFILE).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(userId)
                .taskDefinitionKey(OnboardingService.TASK_WELCOME_MEMBER).count()).isEqualTo(1);
    }
}
