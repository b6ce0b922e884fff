package org.cohorte.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Browser;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** "Mes données" on the profile and the removal of a member, in Chromium (screenshots under target/screenshots). */
class PrivacyBrowserIT extends IntegrationTest {

    @Autowired
    IdentityService identityService;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @Test
    void a_member_sees_the_download_and_an_admin_removes_a_member_after_confirming() {
        String member = data.user("lea", Roles.PARTICIPANT);
        try (Browser browser = new Browser(baseUrl())) {
            browser.signIn(member, TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open("/profile");
            browser.waitForText("#profile-download-data", "Télécharger mes données (.json)");
            assertThat(browser.waitFor("#profile-download-data").getAttribute("href")).isNotBlank();
            browser.screenshot("privacy-01-profile-my-data");
        }

        String admin = data.user("root", Roles.ADMIN);
        // First in the grid's order (by user id), so that it is on screen however many members the tests made.
        String leaver = data.user("aaa-parti", Roles.PARTICIPANT);
        try (Browser browser = new Browser(baseUrl())) {
            browser.signIn(admin, TestData.PASSWORD);
            browser.waitUntilSignedIn();
            browser.open("/admin/members");
            browser.waitForText("#members-grid", leaver);
            browser.driver().findElement(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='" + leaver + "']"))
                    .click();
            browser.click("#member-remove");
            browser.waitFor("#member-remove-confirm");
            browser.screenshot("privacy-02-remove-confirmation");
            browser.click("#member-remove-confirm");
            browser.waitForText("vaadin-notification-card", "Membre retiré");
            browser.screenshot("privacy-03-removed");
        }
        assertThat(identityService.createUserQuery().userId(leaver).count()).isZero();
    }
}
