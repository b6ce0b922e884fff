package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Camunda's dangerous features stay off, and the web layer keeps its protections. */
class SecurityHardeningIT extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RepositoryService repositoryService;

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void java_serialization_of_variables_is_off_in_the_engine_and_through_rest() throws Exception {
        assertThat(configuration().isJavaSerializationFormatEnabled()).isFalse();
        String admin = data.user("ops", Roles.ADMIN);
        // A serialized Java object smuggled in as a variable must be refused, even from an administrator.
        String body = "{\"value\":\"rO0ABXQABGV2aWw=\",\"type\":\"Object\",\"valueInfo\":{"
                + "\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/engine-rest/process-definition/key/member_onboarding/start"))
                .header("Authorization", basic(admin)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"payload\":" + body + "}}")).build());
        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(response.body()).containsIgnoringCase("serializ");
    }

    @Test
    void expressions_in_ad_hoc_queries_are_refused() throws Exception {
        assertThat(configuration().isEnableExpressionsInAdhocQueries()).isFalse();
        assertThat(configuration().isEnableExpressionsInStoredQueries()).isFalse();
        String member = data.user("marc", Roles.PARTICIPANT);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/engine-rest/task?dueAfterExpression=%24%7BdateTime().toDate()%7D"))
                .header("Authorization", basic(member)).GET().build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Expressions are forbidden");
    }

    @Test
    void a_non_admin_cannot_deploy_anything_through_rest_so_no_script_can_be_brought_in() throws Exception {
        String member = data.user("marc", Roles.PARTICIPANT, Roles.FACILITATOR, Roles.MANAGER);
        long before = repositoryService.createDeploymentQuery().count();
        String boundary = "cohorte-boundary";
        String bpmn = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
                + "<process id=\"evil\" isExecutable=\"true\"><startEvent id=\"s\"/><scriptTask id=\"t\" scriptFormat=\"javascript\">"
                + "<script>java.lang.Runtime.getRuntime().exec('id')</script></scriptTask></process></definitions>";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nevil\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"evil.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/deployment/create"))
                .header("Authorization", basic(member)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void the_login_form_ignores_right_credentials_posted_without_its_csrf_token() throws Exception {
        String member = data.user("marc", Roles.PARTICIPANT);
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + member + "&password=" + TestData.PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("/login")).endsWith("/login");
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/tasks")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void signing_in_gives_a_new_session_id() throws Exception {
        String member = data.user("marc", Roles.PARTICIPANT);
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        String page = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String before = sessionId(cookies);
        String token = page.replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + member + "&password=" + TestData.PASSWORD
                        + "&_csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(before).isNotNull();
        assertThat(sessionId(cookies)).isNotNull().isNotEqualTo(before);
    }

    private static String sessionId(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    @Test
    void security_headers_are_on_every_kind_of_response() {
        Http http = new Http(baseUrl());
        for (String path : List.of("/login", "/tasks", "/engine-rest/task", "/actuator/health", "/camunda/app/cockpit/default/")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).isPresent();
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).isPresent();
        }
    }
}
