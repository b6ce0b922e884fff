package org.cohorte.identity.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.cohorte.testsupport.IntegrationTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with single sign-on on, against an OpenID Connect provider running inside the test JVM
 * (mock-oauth2-server, interactive login: its page takes a user name, the subject, and the claims as JSON).
 * One provider and one Spring context for every SSO test class.
 */
abstract class SsoIntegrationTest extends IntegrationTest {

    static final String CLIENT_ID = "cohorte-test";
    static final String PROVIDER_NAME = "Mock ID";
    static final MockOAuth2Server PROVIDER = Provider.INSTANCE;

    /** Started once for the JVM: the Spring context it configures is cached for all SSO test classes. */
    private static final class Provider {
        static final MockOAuth2Server INSTANCE = start();

        private static MockOAuth2Server start() {
            MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
            return server;
        }
    }

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        registry.add("cohorte.sso.issuer-uri", () -> PROVIDER.issuerUrl("default").toString());
        registry.add("cohorte.sso.client-id", () -> CLIENT_ID);
        registry.add("cohorte.sso.client-secret", () -> "test-secret");
        registry.add("cohorte.sso.name", () -> PROVIDER_NAME);
        registry.add("cohorte.sso.groups.cohorte-animateurs", () -> "facilitator");
        registry.add("cohorte.sso.groups.cohorte-experts", () -> "expert");
        registry.add("cohorte.sso.groups.cohorte-admins", () -> "admin");
        // A second engine in the test JVM under its own name: Camunda's web apps find engines by name in a JVM-wide
        // registry, and the shared context's Cockpit must keep finding its own "default" engine.
        registry.add("camunda.bpm.process-engine-name", () -> "sso");
    }

    /**
     * A person going through the provider without a browser: Cohorte sends them to the provider, they sign in
     * on its page, the provider sends them back with a code. Cookies kept (the session holds state and nonce),
     * redirects followed by hand so that each step can be looked at or tampered with.
     */
    final class Person {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** Signs in with these claims; returns where Cohorte sends the browser at the end. */
        String signIn(String subject, String claimsJson) {
            return back(callback(subject, claimsJson));
        }

        /** Up to the provider's answer: the URL of Cohorte's callback, with code and state. */
        String callback(String subject, String claimsJson) {
            HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/authorization/sso")).GET());
            if (start.statusCode() != 302) {
                throw new AssertionError("No redirect to the provider: " + start.statusCode());
            }
            String authorize = location(start);
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorize)).GET());
            if (!page.body().contains("name=\"username\"")) {
                throw new AssertionError("No login page at the provider: " + page.statusCode());
            }
            String form = "username=" + encode(subject) + "&claims=" + encode(claimsJson);
            HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(authorize))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            if (posted.statusCode() != 302) {
                throw new AssertionError("The provider did not send back: " + posted.statusCode() + " " + posted.body());
            }
            return location(posted);
        }

        /** Follows the provider's redirect into Cohorte; returns Cohorte's answer's Location. */
        String back(String callbackUrl) {
            HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(callbackUrl)).GET());
            if (done.statusCode() != 302) {
                throw new AssertionError("Cohorte did not redirect after the callback: " + done.statusCode());
            }
            return location(done);
        }

        /** A GET on Cohorte in this person's session: its status code. */
        int status(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET()).statusCode();
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("No Location"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
