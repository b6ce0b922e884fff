package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Camunda's dangerous features stay off, and the web layer keeps its protections. */
class SecurityHardeningIT extends IntegrationTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    TestProcesses processes;
    @Autowired
    org.cohorte.performance.PerformanceFixture performanceFixture;

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void java_serialization_of_variables_is_off_in_the_engine() {
        assertThat(configuration().isJavaSerializationFormatEnabled()).isFalse();
        // A serialized Java object smuggled in as a variable must be refused, whoever sets it.
        String owner = data.user("marc", Roles.PARTICIPANT);
        Task task = processes.personalTask(owner, null);
        assertThatThrownBy(() -> taskService.setVariable(task.getId(), "payload",
                Variables.serializedObjectValue("rO0ABXQABGV2aWw=").objectTypeName("java.lang.String")
                        .serializationDataFormat(Variables.SerializationDataFormats.JAVA).create()))
                .hasMessageContaining("serializ");
        assertThat(taskService.getVariables(task.getId())).doesNotContainKey("payload");
    }

    @Test
    void expressions_in_ad_hoc_queries_are_refused() throws Exception {
        assertThat(configuration().isEnableExpressionsInAdhocQueries()).isFalse();
        assertThat(configuration().isEnableExpressionsInStoredQueries()).isFalse();
        String admin = data.user("ops", Roles.ADMIN);
        HttpResponse<String> response = new Http(baseUrl()).get(
                "/engine-rest/task?dueAfterExpression=%24%7BdateTime().toDate()%7D", data.token(admin));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Expressions are forbidden");
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
        String member = data.user("marc", Roles.PARTICIPANT);
        String forum = data.user("forum", Roles.FORUM);
        performanceFixture.organization("entetes"); // the forum's workbook needs an organization to read
        Http anonymous = new Http(baseUrl());
        Http signedIn = new Http(baseUrl());
        signedIn.login(member, TestData.PASSWORD);
        String loginPage = anonymous.get("/login").body();
        Matcher staticFile = Pattern.compile("(?:src|href)=\"/?((?:VAADIN|themes|icons|images)/[^\"?#]+)").matcher(loginPage);
        assertThat(staticFile.find()).as("a static resource linked from the login page").isTrue();
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("/ anonymous", anonymous.get("/"));
        responses.put("/login", anonymous.get("/login"));
        responses.put("/ signed in", signedIn.get("/"));
        responses.put("Vaadin page /communities", signedIn.get("/communities"));
        responses.put("Vaadin page /tasks", anonymous.get("/tasks"));
        responses.put("static /" + staticFile.group(1), anonymous.get("/" + staticFile.group(1)));
        responses.put("/api/performance 200", anonymous.get("/api/performance/forum-workbook?period=2026-Q1", data.token(forum)));
        responses.put("/api/performance 400", anonymous.get("/api/performance/forum-workbook?period=x", data.token(forum)));
        responses.put("/api/performance 401", anonymous.get("/api/performance/forum-workbook?period=2026-Q1"));
        responses.put("/engine-rest 200", anonymous.get("/engine-rest/task", data.token(data.user("ops", Roles.ADMIN))));
        responses.put("/engine-rest 403", anonymous.get("/engine-rest/task", data.token(member)));
        responses.put("/engine-rest 401", anonymous.get("/engine-rest/task"));
        Http administrator = new Http(baseUrl());
        administrator.login(data.user("ops", Roles.ADMIN), TestData.PASSWORD);
        responses.put("/camunda", administrator.get("/camunda/app/cockpit/default/"));
        responses.put("/camunda anonymous", anonymous.get("/camunda/app/cockpit/default/"));
        responses.put("/camunda api", anonymous.get("/camunda/api/engine/engine/default/task"));
        responses.put("/actuator/health", anonymous.get("/actuator/health"));
        responses.put("403 /actuator/env", anonymous.get("/actuator/env"));
        // An unknown route is answered by Vaadin's bootstrap page (200), which then shows its "not found" view.
        responses.put("unknown route", signedIn.get("/no-such-page-here"));
        responses.put("404 static", signedIn.get("/VAADIN/no-such-file.js"));
        responses.put("404 calendar feed", anonymous.get("/community-calendar/unknown-token.ics"));
        responses.forEach((what, response) -> {
            var headers = response.headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options").or(() -> headers.firstValue("Content-Security-Policy")
                    .filter(csp -> csp.contains("frame-ancestors")))).as(what + ": framing forbidden").isPresent();
            assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
            assertThat(headers.firstValue("Cache-Control")).as(what).isPresent();
            // HSTS only goes with HTTPS (behind the TLS proxy); on plain HTTP a browser would ignore it anyway.
            assertThat(headers.firstValue("Strict-Transport-Security")).as(what).isEmpty();
        });
        // Cohorte's own responses carry one Content-Security-Policy, Cohorte's; Camunda's web apps their own only
        // (its pages have one with a nonce; its API's 401, answered before its header filter, none: JSON anyway).
        responses.forEach((what, response) -> {
            List<String> policies = response.headers().allValues("Content-Security-Policy");
            if (what.startsWith("/camunda")) {
                assertThat(policies).as(what + ": Camunda's policy only").hasSizeLessThanOrEqualTo(1)
                        .allSatisfy(policy -> assertThat(policy).contains("'nonce-"));
            } else {
                assertThat(policies).as(what + ": one policy").hasSize(1);
                List<String> directives = List.of(policies.get(0).split("\\s*;\\s*"));
                assertThat(directives).as(what).contains("default-src 'self'", "object-src 'none'", "base-uri 'self'",
                        "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'");
                // No source beyond the application itself (and inline data: for Lumo's icon font and images).
                assertThat(policies.get(0)).as(what).doesNotContain("*", "http:", "https:", "ws:", "wss:", "blob:");
            }
        });
        assertThat(responses.get("/camunda").statusCode()).as("Cockpit's page").isEqualTo(200);
        assertThat(responses.get("/camunda").headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(responses.get("404 static").statusCode()).isEqualTo(404);
        assertThat(responses.get("403 /actuator/env").statusCode()).isIn(401, 403);
        assertThat(responses.get("/api/performance 200").statusCode()).isEqualTo(200);
        // Pages and personal data are never kept by shared caches.
        for (String what : List.of("/login", "/ signed in", "Vaadin page /communities", "/api/performance 200")) {
            assertThat(responses.get(what).headers().firstValue("Cache-Control").orElse("")).as(what).contains("no-store");
        }
        // Camunda's REST API sets its own "no-cache"; its requests carry credentials, which shared caches never store.
        assertThat(responses.get("/engine-rest 200").headers().firstValue("Cache-Control").orElse(""))
                .containsAnyOf("no-cache", "no-store");
        assertThat(responses.get("/ signed in").headers().firstValue("Set-Cookie").orElse("HttpOnly; SameSite=Lax"))
                .contains("HttpOnly");
    }

    @Test
    void no_script_engine_can_run_a_script_smuggled_into_a_model() {
        ScriptEngineManager manager = new ScriptEngineManager();
        for (String language : List.of("javascript", "js", "graal.js", "nashorn", "groovy", "python", "ruby")) {
            assertThat(manager.getEngineByName(language)).as(language).isNull();
        }
    }

    @Test
    void nobody_starts_or_evaluates_any_model_through_rest_not_even_an_admin() {
        String member = data.token(data.user("marc", Roles.PARTICIPANT, Roles.FACILITATOR, Roles.MANAGER, Roles.COMMITTEE,
                Roles.EXPERT, Roles.ADVISORY, Roles.FORUM, Roles.ADMIN));
        Http http = new Http(baseUrl());
        long instances = runtimeService.createProcessInstanceQuery().count();
        List<String> processKeys = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(d -> d.getKey()).distinct().toList();
        assertThat(processKeys).contains("codevelopment_session", "community_question", "member_onboarding");
        String smuggled = "{\"variables\":{\"x\":{\"value\":\"${execution.getProcessEngineServices().getRepositoryService()}\"}}}";
        for (String key : processKeys) {
            assertThat(http.postJson("/engine-rest/process-definition/key/" + key + "/start", smuggled, member)
                    .statusCode()).as(key).isEqualTo(403);
            assertThat(http.postJson("/engine-rest/process-definition/key/" + key + "/submit-form", smuggled, member)
                    .statusCode()).as(key).isEqualTo(403);
        }
        for (String decision : List.of("experiment_decision", "experiment_review_routing", "indicator_status")) {
            assertThat(http.postJson("/engine-rest/decision-definition/key/" + decision + "/evaluate", "{\"variables\":{}}",
                    member).statusCode()).as(decision).isEqualTo(403);
        }
        // Conditional starts and messages would start instances too; nothing may start.
        assertThat(http.postJson("/engine-rest/condition", "{\"variables\":{\"x\":{\"value\":1}}}", member)
                .statusCode()).isEqualTo(403);
        for (String message : List.of("performance_review_requested", "codev_cancel_session")) {
            assertThat(http.postJson("/engine-rest/message", "{\"messageName\":\"" + message + "\",\"all\":true}", member)
                    .statusCode()).isEqualTo(403);
        }
        assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
    }

    @Test
    void a_variable_that_looks_like_an_expression_stays_text() {
        String owner = data.user("marc", Roles.PARTICIPANT);
        Task task = processes.personalTask(owner, null);
        String expression = "${'pw'.concat('ned')}";
        taskService.setVariable(task.getId(), "subject", expression);
        assertThat(taskService.getVariable(task.getId(), "subject")).isEqualTo(expression);
        HttpResponse<String> read = new Http(baseUrl()).get("/engine-rest/task/" + task.getId() + "/variables/subject",
                data.token(data.user("ops", Roles.ADMIN)));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("${'pw'.concat('ned')}").doesNotContain("\"pwned\"");
    }

    @Test
    void expressions_are_refused_in_stored_queries_too() {
        String admin = data.token(data.user("ops", Roles.ADMIN));
        Http http = new Http(baseUrl());
        long filters = filterService.createFilterQuery().count();
        String filter = "{\"resourceType\":\"Task\",\"name\":\"piege\",\"query\":{\"dueAfterExpression\":\"${now()}\"}}";
        // Stored queries cannot be written through the API at all, and the engine refuses expressions in them.
        assertThat(http.postJson("/engine-rest/filter/create", filter, admin).statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> filterService.saveFilter(filterService.newTaskFilter("piege")
                .setQuery(taskService.createTaskQuery().dueAfterExpression("${now()}"))))
                .hasMessageContaining("Expressions are forbidden");
        HttpResponse<String> bodyQuery = http.postJson("/engine-rest/task", "{\"dueAfterExpression\":\"${now()}\"}", admin);
        assertThat(bodyQuery.statusCode()).isEqualTo(400);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
    }

    @Test
    void sign_out_cannot_be_forced_from_another_site_without_the_csrf_token() {
        String member = data.user("marc", Roles.PARTICIPANT);
        Http browser = new Http(baseUrl());
        browser.login(member, TestData.PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> forged = browser.postForm("/logout", "");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void the_session_id_from_before_signing_in_opens_nothing_afterwards() throws Exception {
        String member = data.user("marc", Roles.PARTICIPANT);
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        String page = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String planted = sessionId(cookies);
        String token = page.replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
        client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + member + "&password=" + TestData.PASSWORD
                        + "&_csrf=" + token)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        // An attacker who planted the first session id gets the login page, not the victim's session.
        HttpResponse<Void> attacker = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).header("Cookie", "JSESSIONID=" + planted).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(attacker.statusCode()).isEqualTo(302);
        assertThat(attacker.headers().firstValue("Location").orElse("")).endsWith("/login");
    }
}
