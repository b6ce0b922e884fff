package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.Steps;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A consultant on a phone (390 px) finds their async step by its subject and does it with the case in view. */
class TaskSubjectsBrowserIT extends IntegrationTest {

    @Autowired
    CodevFixture codev;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    CodevGroupService groupService;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @Test
    void a_consultant_on_a_phone_sees_the_subject_in_the_inbox_and_the_case_on_the_task_page() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.ASYNC);
        codev.prepareAndOpen(g, session);
        String client = codev.clientOf(g, session);
        data.as(client, () -> sessionService.finishPresentation(codev.task(session, Steps.TASK_PRESENT_CASE, client).getId()));
        String consultant = codev.consultantsOf(g, session).get(0);
        String groupName = data.as(g.facilitator(), () -> groupService.get(g.id()).name());

        try (Browser browser = new Browser(baseUrl(), 390, 844)) {
            browser.open("/tasks");
            browser.waitFor("vaadin-login-form");
            browser.signIn(consultant, TestData.PASSWORD);
            browser.waitForText("#inbox-grid", groupName);
            browser.waitFor("#subject-filter");
            browser.screenshot("subjects-01-inbox-phone");

            browser.click("#inbox-grid vaadin-button.open-button");
            browser.waitFor("#task-context");
            assertThat(browser.pageText()).contains("Mobiliser une équipe en télétravail", groupName);
            browser.screenshot("subjects-02-task-phone");
        }
    }
}
