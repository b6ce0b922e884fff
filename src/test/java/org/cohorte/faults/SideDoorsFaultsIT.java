package org.cohorte.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cohorte.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The side doors, tried on the production jar with demo data as the attacker did (issue "close every side
 * door"): several of them (Camunda's web apps and their setup page, the servlet filters of the starters) only
 * exist on the real server, outside Spring's test context. Each attack must fail, and leave no trace in the
 * database.
 */
@Tag("faults")
class SideDoorsFaultsIT {

    static final String DEMO_PASSWORD = "cohorte123";
    static final String EVIL_MODEL = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"x\">"
            + "<process id=\"evil\" isExecutable=\"true\" camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/>"
            + "<sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"t\"/><serviceTask id=\"t\" camunda:expression="
            + "\"${execution.setVariable('cases', codevSessionRepository.findAll().toString())}\"/></process></definitions>";

    AppNode node;
    JdbcTemplate jdbc;
    final ApiClient api = new ApiClient(() -> this.jdbc);

    @AfterEach
    void stopNode() throws InterruptedException {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void every_side_door_is_closed_on_the_production_jar() throws Exception {
        FaultsDatabase db = FaultsDatabase.fresh("cohorte_faults_doors");
        jdbc = db.jdbc();
        node = new AppNode("doors", Integer.getInteger("faults.portDoors", 18095), db.url());
        node.start();
        node.awaitUp(Duration.ofMinutes(5));
        String base = node.baseUrl();
        awaitDemoAccounts(base);
        int users = count("select count(*) from act_id_user");
        int deployments = count("select count(*) from act_re_deployment");

        // 1. Anonymous takeover through Camunda's first-administrator setup.
        Http anonymous = new Http(base);
        anonymous.get("/camunda/app/admin/default/");
        String xsrf = anonymous.cookie("XSRF-TOKEN");
        HttpResponse<String> setup = anonymous.send(json(anonymous, "/camunda/api/admin/setup/default/user/create", "POST",
                "{\"profile\":{\"id\":\"attacker\",\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.c\"},"
                        + "\"credentials\":{\"password\":\"attacker-password-1\"}}", xsrf == null ? "x" : xsrf));
        assertThat(setup.statusCode()).isEqualTo(401);

        // 2. Code at run time: the administrator's token deploys nothing.
        String boundary = "cohorte-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nevil\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"evil.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + EVIL_MODEL + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> deploy = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/engine-rest/deployment/create"))
                .header("Authorization", "Bearer " + api.token("admin"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertThat(deploy.statusCode()).isEqualTo(403);

        // 3. A second way to act on a task: the holder of a task writes its variables or completes it.
        String memberToken = api.token("membre");
        String task = jdbc.queryForObject("select id_ from act_ru_task where assignee_ = 'membre' limit 1", String.class);
        Map<String, HttpResponse<String>> attacks = new LinkedHashMap<>();
        attacks.put("a member reads the engine's API", anonymous.get("/engine-rest/task", memberToken));
        attacks.put("a member writes a variable", anonymous.putJson("/engine-rest/task/" + task + "/variables/validatorId",
                "{\"value\":\"membre\",\"type\":\"String\"}", memberToken));
        attacks.put("a member completes through the engine", anonymous.postJson("/engine-rest/task/" + task + "/complete",
                "{}", memberToken));
        attacks.put("an administrator completes", anonymous.postJson("/engine-rest/task/" + task + "/complete", "{}",
                api.token("admin")));
        attacks.put("an administrator deletes a task", anonymous.delete("/engine-rest/task/" + task, api.token("admin")));
        attacks.forEach((what, response) -> assertThat(response.statusCode()).as(what).isEqualTo(403));
        assertThat(count("select count(*) from act_ru_task where id_ = '" + task + "'")).isEqualTo(1);

        // 7. Other sites: remembered passwords and a signed-in browser's cookie open no API.
        HttpResponse<String> basic = anonymous.getBasic("/api/tasks", "membre", DEMO_PASSWORD);
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().allValues("WWW-Authenticate")).noneMatch(v -> v.toLowerCase().startsWith("basic"));
        Http browser = new Http(base);
        browser.login("expert", DEMO_PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(browser.postForm("/api/community/posts/00000000-0000-0000-0000-000000000000/validate", "")
                .statusCode()).as("a body-less form post from another site").isIn(401, 415);
        assertThat(browser.send(HttpRequest.newBuilder(browser.uri("/api/tasks")).GET()).statusCode())
                .as("the session cookie is not an API credential").isEqualTo(401);

        // Cockpit still works for an administrator, through Cohorte's sign-in; Tasklist is gone.
        Http admin = new Http(base);
        admin.login("admin", DEMO_PASSWORD);
        HttpResponse<String> cockpit = admin.get("/camunda/app/cockpit/default/");
        assertThat(cockpit.statusCode()).as("Cockpit, not the setup page").isEqualTo(200);
        assertThat(admin.get("/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"admin\"");
        assertThat(admin.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(403);
        assertThat(admin.send(json(admin, "/camunda/api/engine/engine/default/task/" + task + "/complete", "POST", "{}",
                admin.cookie("XSRF-TOKEN"))).statusCode()).isEqualTo(403);
        Http memberBrowser = new Http(base);
        memberBrowser.login("membre", DEMO_PASSWORD);
        assertThat(memberBrowser.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(403);

        assertThat(count("select count(*) from act_id_user")).as("no account was created").isEqualTo(users);
        assertThat(count("select count(*) from act_re_deployment")).as("no model was deployed").isEqualTo(deployments);
    }

    private void awaitDemoAccounts(String base) {
        // The demo data is seeded before the server opens its port: as soon as it answers, the accounts exist.
        assertThat(count("select count(*) from act_id_user where id_ in ('admin', 'membre', 'expert')")).isEqualTo(3);
        assertThat(count("select count(*) from act_ru_task where assignee_ = 'membre'")).isPositive();
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    private static HttpRequest.Builder json(Http http, String path, String method, String body, String xsrf) {
        return HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrf == null ? "none" : xsrf).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
}
