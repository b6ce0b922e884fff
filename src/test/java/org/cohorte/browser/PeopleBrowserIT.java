package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In Chromium: an open inbox shows a task created by someone else without a reload; a facilitator finds people by
 * name in the group's picker; an administrator sees a pending invitation in *Membres*.
 */
class PeopleBrowserIT extends IntegrationTest {

    @Autowired
    TestProcesses processes;
    @Autowired
    CodevFixture codev;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CommunityService communities;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @Test
    void live_inbox_people_picker_and_pending_invitation() {
        CodevFixture.Group g = codev.group(4);
        String newcomer = data.user("nadine", Roles.PARTICIPANT);
        data.as(g.facilitator(), () -> groupService.invite(g.id(), "Karine", "Dubé", "karine." + UUID.randomUUID()
                .toString().substring(0, 6) + "@exemple.qc.ca", null));
        data.as(g.facilitator(), () -> communities.addMember(g.communityId(), newcomer, CommunityRole.MEMBER));

        try (Browser browser = new Browser(baseUrl())) {
            browser.signIn(g.member(0), TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open("/tasks");
            browser.waitFor("#inbox-grid");
            processes.personalTask(g.member(0), null);
            browser.waitForText("#inbox-grid", "Tâche personnelle");
            browser.screenshot("people-01-live-inbox");
        }
        try (Browser browser = new Browser(baseUrl())) {
            browser.signIn(g.facilitator(), TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open("/codevelopment/group/" + g.id());
            browser.waitFor("#codev-add-member");
            browser.type("#codev-add-member input", "nadine");
            browser.waitForText("vaadin-combo-box-item", "nadine");
            assertThat(browser.pageText()).doesNotContain(g.facilitator() + "@test.local");
            browser.screenshot("people-02-picker");
        }
        String admin = data.user("admin", Roles.ADMIN);
        try (Browser browser = new Browser(baseUrl())) {
            browser.signIn(admin, TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open("/admin/members");
            browser.waitForText("#invitations-grid", "Karine Dubé");
            browser.screenshot("people-03-invitations");
        }
    }
}
