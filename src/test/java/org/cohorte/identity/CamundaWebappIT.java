package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;

/** Cockpit and Admin under /camunda take the same accounts, signed in on Cohorte's page; only admins get in. */
class CamundaWebappIT extends IntegrationTest {

    /** Cockpit takes Cohorte's sign-in (its own login endpoint is closed): sign in, then open Cockpit. */
    private int cockpitLogin(String user, String password) {
        Http browser = new Http(baseUrl());
        browser.login(user, password);
        return browser.get("/camunda/app/cockpit/default/").statusCode();
    }

    @Test
    void an_admin_signs_in_to_cockpit_with_the_cohorte_password() {
        String admin = data.user("ops", Roles.ADMIN);
        assertThat(cockpitLogin(admin, TestData.PASSWORD)).isEqualTo(200);
    }

    @Test
    void a_participant_is_refused_by_cockpit() {
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
