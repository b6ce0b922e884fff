package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;

/** Cockpit, Admin and Tasklist under /camunda sign in against the same accounts; only admins get in. */
class CamundaWebappIT extends IntegrationTest {

    private int cockpitLogin(String user, String password) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/app/cockpit/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
        return login.statusCode();
    }

    @Test
    void an_admin_signs_in_to_cockpit_with_the_cohorte_password() throws Exception {
        String admin = data.user("ops", Roles.ADMIN);
        assertThat(cockpitLogin(admin, TestData.PASSWORD)).isEqualTo(200);
    }

    @Test
    void a_participant_is_refused_by_cockpit() throws Exception {
        String member = data.user("marc", Roles.PARTICIPANT);
        assertThat(cockpitLogin(member, TestData.PASSWORD)).isEqualTo(403);
    }

    @Test
    void the_root_path_is_cohorte_not_cockpit() throws Exception {
        HttpResponse<Void> root = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(root.headers().firstValue("Location").orElse("")).endsWith("/login").doesNotContain("camunda");
    }
}
