package org.cohorte.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The doors beside Cohorte's screens: the engine's REST API ({@code /engine-rest}) and Camunda's web apps
 * ({@code /camunda}). Each attack found on the production jar is tried here, as the attacker did it.
 */
class EngineDoorsIT extends IntegrationTest {

    private static final String SCRIPT_MODEL = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " targetNamespace=\"x\"><process id=\"evil\" isExecutable=\"true\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\""
            + " camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"t\"/>"
            + "<scriptTask id=\"t\" scriptFormat=\"javascript\"><script>java.lang.Runtime.getRuntime().exec('id')</script>"
            + "</scriptTask></process></definitions>";

    @Autowired
    TestProcesses processes;
    @Autowired
    TaskService taskService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;

    @Test
    void the_engine_rest_api_asks_for_a_token_and_refuses_http_basic_even_with_the_right_password() {
        String admin = data.user("ops", Roles.ADMIN);
        Http http = new Http(baseUrl());
        HttpResponse<String> anonymous = http.get("/engine-rest/task");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"Cohorte\"");
        HttpResponse<String> basic = http.getBasic("/engine-rest/task", admin, TestData.PASSWORD);
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("api.error.basicNotAccepted");
        assertThat(basic.headers().allValues("WWW-Authenticate")).noneMatch(v -> v.toLowerCase().startsWith("basic"));
        assertThat(http.get("/engine-rest/task", "coh_not-a-real-token").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/task", data.token(admin)).statusCode()).isEqualTo(200);
    }

    @Test
    void every_role_but_administrator_is_refused_the_engine_rest_api() {
        Http http = new Http(baseUrl());
        for (String role : Roles.ALL) {
            if (!role.equals(Roles.ADMIN)) {
                String user = data.user(role, role);
                assertThat(http.get("/engine-rest/task", data.token(user)).statusCode()).as(role).isEqualTo(403);
                assertThat(http.get("/engine-rest/process-definition", data.token(user)).statusCode()).as(role).isEqualTo(403);
            }
        }
    }

    @Test
    void an_administrator_reads_and_operates_the_engine_but_cannot_act_on_a_task() {
        String admin = data.user("ops", Roles.ADMIN);
        String member = data.user("membre", Roles.PARTICIPANT);
        String token = data.token(admin);
        Task task = processes.personalTask(member, null);
        String id = task.getId();
        String instance = task.getProcessInstanceId();
        Http http = new Http(baseUrl());

        assertThat(http.get("/engine-rest/task/" + id, token).statusCode()).isEqualTo(200);
        assertThat(http.get("/engine-rest/task/" + id + "/variables", token).statusCode()).isEqualTo(200);
        assertThat(http.postJson("/engine-rest/task", "{\"assignee\":\"" + member + "\"}", token).body()).contains(id);
        assertThat(http.postJson("/engine-rest/history/task/count", "{}", token).statusCode()).isEqualTo(200);

        Map<String, HttpResponse<String>> attacks = new LinkedHashMap<>();
        attacks.put("write a variable (validatorId)", http.putJson("/engine-rest/task/" + id + "/variables/validatorId",
                "{\"value\":\"" + admin + "\",\"type\":\"String\"}", token));
        attacks.put("modify variables", http.postJson("/engine-rest/task/" + id + "/variables",
                "{\"modifications\":{\"subject\":{\"value\":\"x\"}}}", token));
        attacks.put("complete", http.postJson("/engine-rest/task/" + id + "/complete", "{\"variables\":{}}", token));
        attacks.put("submit form", http.postJson("/engine-rest/task/" + id + "/submit-form", "{}", token));
        attacks.put("claim", http.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + admin + "\"}", token));
        attacks.put("unclaim", http.postJson("/engine-rest/task/" + id + "/unclaim", "{}", token));
        attacks.put("set assignee", http.postJson("/engine-rest/task/" + id + "/assignee", "{\"userId\":\"" + admin + "\"}", token));
        attacks.put("delegate", http.postJson("/engine-rest/task/" + id + "/delegate", "{\"userId\":\"" + admin + "\"}", token));
        attacks.put("add a candidate group", http.postJson("/engine-rest/task/" + id + "/identity-links",
                "{\"groupId\":\"participant\",\"type\":\"candidate\"}", token));
        attacks.put("remove an identity link", http.postJson("/engine-rest/task/" + id + "/identity-links/delete",
                "{\"userId\":\"" + member + "\",\"type\":\"assignee\"}", token));
        attacks.put("update the task", http.putJson("/engine-rest/task/" + id, "{\"name\":\"x\",\"assignee\":\"" + admin + "\"}", token));
        attacks.put("delete the task", http.delete("/engine-rest/task/" + id, token));
        attacks.put("create a task", http.postJson("/engine-rest/task/create", "{\"id\":\"free-task\",\"name\":\"x\"}", token));
        attacks.put("bpmn error", http.postJson("/engine-rest/task/" + id + "/bpmnError", "{\"errorCode\":\"x\"}", token));
        attacks.put("start a process", http.postJson("/engine-rest/process-definition/key/" + TestProcesses.PERSONAL + "/start",
                "{\"variables\":{\"assignee\":{\"value\":\"" + admin + "\"}}}", token));
        attacks.put("correlate a message", http.postJson("/engine-rest/message",
                "{\"messageName\":\"codev_cancel_session\",\"all\":true}", token));
        attacks.put("throw a signal", http.postJson("/engine-rest/signal", "{\"name\":\"x\"}", token));
        attacks.put("evaluate a decision", http.postJson("/engine-rest/decision-definition/key/indicator_status/evaluate",
                "{\"variables\":{}}", token));
        attacks.put("modify an instance", http.postJson("/engine-rest/process-instance/" + instance + "/modification",
                "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"user_task_personal\"}]}", token));
        attacks.put("write an instance variable", http.putJson("/engine-rest/process-instance/" + instance + "/variables/assignee",
                "{\"value\":\"" + admin + "\"}", token));
        attacks.put("cancel an instance", http.delete("/engine-rest/process-instance/" + instance, token));
        attacks.put("migrate", http.postJson("/engine-rest/migration/execute", "{}", token));
        attacks.put("create a user", http.postJson("/engine-rest/user/create",
                "{\"profile\":{\"id\":\"attacker\"},\"credentials\":{\"password\":\"attacker-password\"}}", token));
        attacks.put("change a password", http.putJson("/engine-rest/user/" + member + "/credentials",
                "{\"password\":\"taken-over-now\",\"authenticatedUserPassword\":\"x\"}", token));
        attacks.put("join a group", http.putJson("/engine-rest/group/admin/members/" + member, "{}", token));
        attacks.put("grant an authorization", http.postJson("/engine-rest/authorization/create",
                "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"" + member + "\",\"resourceType\":7,\"resourceId\":\"*\"}", token));
        attacks.put("store a filter", http.postJson("/engine-rest/filter/create",
                "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}", token));
        attacks.put("clean the history", http.postJson("/engine-rest/history/cleanup", "{}", token));
        attacks.put("a GET turned into a PUT", http.send(HttpRequest.newBuilder(http.uri("/engine-rest/task/" + id))
                .header("Authorization", "Bearer " + token).header("X-HTTP-Method-Override", "PUT").GET()));
        attacks.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
            assertThat(response.body()).as(what).contains("security.engineApi.refused");
        });

        Task after = taskService.createTaskQuery().taskId(id).singleResult();
        assertThat(after).as("the task is still open").isNotNull();
        assertThat(after.getAssignee()).isEqualTo(member);
        assertThat(after.getName()).isEqualTo(task.getName());
        assertThat(taskService.getVariables(id)).doesNotContainKey("validatorId").containsEntry("subject", "Sujet de test");
        assertThat(taskService.getIdentityLinksForTask(id)).noneMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()));
        assertThat(identityService.createUserQuery().userId("attacker").count()).isZero();
        assertThat(identityService.checkPassword(member, TestData.PASSWORD)).isTrue();
    }

    @Test
    void an_administrator_still_operates_jobs_through_the_engine_rest_api() {
        String token = data.token(data.user("ops", Roles.ADMIN));
        Job timer = managementService.createJobQuery().processDefinitionKey("performance_review").timers().list().get(0);
        Http http = new Http(baseUrl());
        try {
            assertThat(http.putJson("/engine-rest/job/" + timer.getId() + "/suspended", "{\"suspended\":true}", token)
                    .statusCode()).isEqualTo(204);
            assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().isSuspended()).isTrue();
            assertThat(http.putJson("/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\":3}", token)
                    .statusCode()).isEqualTo(204);
        } finally {
            assertThat(http.putJson("/engine-rest/job/" + timer.getId() + "/suspended", "{\"suspended\":false}", token)
                    .statusCode()).isEqualTo(204);
        }
        assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().isSuspended()).isFalse();
    }

    @Test
    void nobody_deploys_a_model_at_run_time_not_even_an_administrator() {
        String admin = data.user("ops", Roles.ADMIN);
        long before = repositoryService.createDeploymentQuery().count();
        String boundary = "cohorte-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nevil\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"evil.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + SCRIPT_MODEL + "\r\n--" + boundary + "--\r\n";
        Http http = new Http(baseUrl());
        HttpResponse<String> overRest = http.send(HttpRequest.newBuilder(http.uri("/engine-rest/deployment/create"))
                .header("Authorization", "Bearer " + data.token(admin))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertThat(overRest.statusCode()).isEqualTo(403);
        // The engine itself refuses too, for anyone signed in: the HTTP door is not the only lock.
        identityService.setAuthentication(admin, List.of(Roles.ADMIN));
        try {
            assertThatThrownBy(() -> repositoryService.createDeployment().name("evil")
                    .addModelInstance("harmless.bpmn", Bpmn.createExecutableProcess("harmless").camundaHistoryTimeToLive(1)
                            .startEvent().endEvent().done()).deploy())
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("deployed by the application only");
            String deployment = repositoryService.createDeploymentQuery().list().get(0).getId();
            assertThatThrownBy(() -> repositoryService.deleteDeployment(deployment, true))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("deployed by the application only");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void a_model_can_run_no_script_and_its_expressions_reach_no_repository() {
        // Even the application itself cannot bring a script in: the parser refuses it.
        assertThatThrownBy(() -> repositoryService.createDeployment().name("evil")
                .addString("evil.bpmn", SCRIPT_MODEL).deploy())
                .hasMessageContaining("Scripts are disabled");
        // Expressions resolve the process layer's beans, never a repository, a service or the engine's own services.
        assertThat(expressionReaches("codevelopmentRoster")).isTrue();
        for (String bean : List.of("codevSessionRepository", "codevSessionService", "memberService", "identityService",
                "dataSource", "jdbcTemplate")) {
            assertThatThrownBy(() -> expressionReaches(bean)).as(bean).hasMessageContaining(bean);
        }
    }

    private boolean expressionReaches(String bean) {
        String id = repositoryService.createDeployment().name("probe-" + bean)
                .addModelInstance("probe.bpmn", Bpmn.createExecutableProcess("probe_" + bean.toLowerCase())
                        .camundaHistoryTimeToLive(1).startEvent()
                        .serviceTask("reach").camundaExpression("${execution.setVariable('reached', " + bean + " != null)}")
                        .userTask("wait").endEvent().done())
                .deploy().getId();
        try {
            String instance = runtimeService.startProcessInstanceByKey("probe_" + bean.toLowerCase()).getId();
            return Boolean.TRUE.equals(runtimeService.getVariable(instance, "reached"));
        } finally {
            repositoryService.deleteDeployment(id, true);
        }
    }

    @Test
    void cockpit_takes_cohorte_sign_in_and_admits_administrators_only() {
        String admin = data.user("ops", Roles.ADMIN);
        String member = data.user("membre", Roles.PARTICIPANT, Roles.FACILITATOR, Roles.MANAGER);
        HttpResponse<String> anonymous = new Http(baseUrl()).get("/camunda/app/cockpit/default/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(new Http(baseUrl()).get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);

        Http memberBrowser = new Http(baseUrl());
        memberBrowser.login(member, TestData.PASSWORD);
        assertThat(memberBrowser.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(403);
        assertThat(memberBrowser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(403);

        Http adminBrowser = new Http(baseUrl());
        adminBrowser.login(admin, TestData.PASSWORD);
        HttpResponse<String> cockpit = adminBrowser.get("/camunda/app/cockpit/default/");
        assertThat(cockpit.statusCode()).as("Cockpit's page, not the setup page").isEqualTo(200);
        assertThat(adminBrowser.get("/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"" + admin + "\"");
        assertThat(adminBrowser.get("/camunda/api/engine/engine/default/task?maxResults=1").statusCode()).isEqualTo(200);
        // Tasklist would be a second way to complete tasks; Camunda's own login a second sign-in page.
        assertThat(adminBrowser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(403);
        assertThat(adminBrowser.postForm("/camunda/api/admin/auth/user/default/login/cockpit",
                "username=" + admin + "&password=" + TestData.PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void cockpit_operates_the_engine_but_completes_no_task_and_deploys_nothing() {
        String admin = data.user("ops", Roles.ADMIN);
        String member = data.user("membre", Roles.PARTICIPANT);
        Task task = processes.personalTask(member, null);
        Job timer = managementService.createJobQuery().processDefinitionKey("performance_review").timers().list().get(0);
        Http browser = new Http(baseUrl());
        browser.login(admin, TestData.PASSWORD);
        assertThat(browser.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
        String xsrf = browser.cookie("XSRF-TOKEN");
        assertThat(xsrf).as("Camunda's CSRF token").isNotNull();
        String engine = "/camunda/api/engine/engine/default";
        try {
            assertThat(browser.send(json(browser, engine + "/job/" + timer.getId() + "/suspended", "PUT",
                    "{\"suspended\":true}", xsrf)).statusCode()).isEqualTo(204);
        } finally {
            assertThat(browser.send(json(browser, engine + "/job/" + timer.getId() + "/suspended", "PUT",
                    "{\"suspended\":false}", xsrf)).statusCode()).isEqualTo(204);
        }
        for (String path : List.of("/task/" + task.getId() + "/complete", "/task/" + task.getId() + "/claim",
                "/process-definition/key/" + TestProcesses.PERSONAL + "/start", "/deployment/create")) {
            HttpResponse<String> refused = browser.send(json(browser, engine + path, "POST", "{}", xsrf));
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
        }
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(member);
    }

    @Test
    void the_first_administrator_setup_is_closed_to_everyone() {
        String attacker = "attacker" + System.nanoTime();
        String body = "{\"profile\":{\"id\":\"" + attacker + "\",\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.c\"},"
                + "\"credentials\":{\"password\":\"attacker-password-1\"}}";
        // As in the report: fetch the Admin app for its XSRF cookie, then post the setup form with no login.
        Http anonymous = new Http(baseUrl());
        anonymous.get("/camunda/app/admin/default/");
        String xsrf = anonymous.cookie("XSRF-TOKEN");
        HttpResponse<String> setup = anonymous.send(json(anonymous, "/camunda/api/admin/setup/default/user/create", "POST",
                body, xsrf == null ? "none" : xsrf));
        assertThat(setup.statusCode()).isEqualTo(401);
        assertThat(new Http(baseUrl()).get("/camunda/app/admin/default/setup/").statusCode()).isEqualTo(302);

        Http admin = new Http(baseUrl());
        admin.login(data.user("ops", Roles.ADMIN), TestData.PASSWORD);
        admin.get("/camunda/app/admin/default/");
        assertThat(admin.send(json(admin, "/camunda/api/admin/setup/default/user/create", "POST", body,
                admin.cookie("XSRF-TOKEN"))).statusCode()).isEqualTo(403);
        assertThat(identityService.createUserQuery().userId(attacker).count()).isZero();
    }

    @Test
    void only_the_health_probe_of_actuator_is_public() {
        Http http = new Http(baseUrl());
        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(http.get("/actuator/env").statusCode()).isIn(401, 403);
        assertThat(http.get("/actuator/beans").statusCode()).isIn(401, 403, 404);
    }

    private static HttpRequest.Builder json(Http http, String path, String method, String body, String xsrf) {
        return HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrf).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
}
