package org.cohorte.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import okhttp3.mockwebserver.RecordedRequest;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person signs in with a real browser through the provider's own page, lands on "Mes tâches" with the menu
 * their mapped groups give, and signs out, which ends the provider's session too. A refused sign-in shows
 * the reason in the person's language.
 */
class SsoJourneyBrowserIT extends SsoIntegrationTest {

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @Test
    void a_facilitator_signs_in_through_the_provider_works_and_signs_out_of_both() {
        String id = "sso-browser-" + UUID.randomUUID().toString().substring(0, 8);
        String claims = "{\"preferred_username\":\"" + id + "\",\"name\":\"Léa Gagnon\",\"email\":\"" + id
                + "@example.gouv.qc.ca\",\"locale\":\"fr-CA\",\"groups\":[\"cohorte-animateurs\"]}";
        long millisToInbox;
        try (Browser browser = new Browser(baseUrl())) {
            browser.open("/tasks");
            browser.waitFor("#sso-sign-in");
            assertThat(browser.pageText()).contains("Se connecter avec " + PROVIDER_NAME);
            browser.screenshot("sso-01-login");

            browser.click("#sso-sign-in");
            browser.waitFor("input[name='username']");
            assertThat(browser.driver().getCurrentUrl()).startsWith(PROVIDER.authorizationEndpointUrl("default").toString());
            browser.type("input[name='username']", id);
            browser.type("textarea[name='claims']", claims);
            browser.screenshot("sso-02-provider");

            long start = System.nanoTime();
            browser.driver().findElement(By.cssSelector("input[type='submit']")).click();
            // Back in Cohorte (callback, token exchange, member refreshed, redirect), then the inbox drawn.
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                    .until(d -> d.getCurrentUrl() != null && d.getCurrentUrl().startsWith(baseUrl()));
            long millisBack = (System.nanoTime() - start) / 1_000_000;
            browser.waitUntilSignedIn();
            browser.waitFor("#inbox-grid");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> "Mes tâches".equals(d.getTitle()));
            millisToInbox = (System.nanoTime() - start) / 1_000_000;
            System.out.println("SSO: provider's redirect to 'Mes tâches' in " + millisToInbox + " ms (back in Cohorte after "
                    + millisBack + " ms)");
            browser.screenshot("sso-03-inbox");

            String menu = browser.waitFor("#side-nav").getText();
            assertThat(menu).contains("Mes tâches", "File des questions", "Mon profil").doesNotContain("Organisations");
            assertThat(data.groupsOf(id)).containsExactlyInAnyOrder(Roles.FACILITATOR, Roles.PARTICIPANT);

            drainProviderRequests();
            browser.click("#logout");
            browser.waitUntilUrlContains("/login");
            browser.waitFor("#sso-sign-in");
            browser.screenshot("sso-04-signed-out");
            RecordedRequest endSession = providerRequest("/default/endsession");
            assertThat(endSession.getRequestUrl().queryParameter("id_token_hint")).isNotBlank();
            assertThat(endSession.getRequestUrl().queryParameter("post_logout_redirect_uri")).isEqualTo(baseUrl() + "/login");

            // Cohorte's session is gone too: the inbox asks for a sign-in again.
            browser.open("/tasks");
            browser.waitFor("#sso-sign-in");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        }
        assertThat(millisToInbox).isLessThan(60_000);
    }

    @Test
    void a_refused_sign_in_is_explained_in_the_person_s_language() {
        try (Browser browser = new Browser(baseUrl())) {
            browser.open("/login?sso-error=email");
            browser.waitFor("#sso-error");
            assertThat(browser.waitFor("#sso-error").getText()).contains("ne transmet pas votre adresse courriel");
            browser.screenshot("sso-05-refused-fr");

            browser.click("#lang-en");
            browser.waitForText("#sso-sign-in", "Sign in with " + PROVIDER_NAME);
            assertThat(browser.waitFor("#sso-error").getText()).contains("does not send your e-mail address");
            browser.screenshot("sso-06-refused-en");

            // A reason the page does not know (typed by hand) reads as a plain failure, nothing of it echoed.
            browser.open("/login?sso-error=%3Cscript%3E");
            assertThat(browser.waitFor("#sso-error").getText()).contains("failed").doesNotContain("script");
        }
    }

    private static void drainProviderRequests() {
        try {
            while (PROVIDER.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
                // Earlier requests (discovery, authorize, token, user info) are not what this test looks at.
            }
        } catch (RuntimeException ignored) {
            // Nothing left to take.
        }
    }

    private static RecordedRequest providerRequest(String path) {
        for (int i = 0; i < 20; i++) {
            RecordedRequest request;
            try {
                request = PROVIDER.takeRequest(5, TimeUnit.SECONDS);
            } catch (RuntimeException none) {
                request = null;
            }
            if (request != null && request.getRequestUrl() != null && request.getRequestUrl().encodedPath().equals(path)) {
                return request;
            }
        }
        throw new AssertionError("The provider received no " + path);
    }
}
