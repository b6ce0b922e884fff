package org.cohorte.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.Http;
import org.cohorte.testsupport.IntegrationTest;
import org.cohorte.testsupport.TestData;
import org.cohorte.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** /engine-rest answers only to the same users, and the engine hides other people's tasks there too. */
class EngineRestSecurityIT extends IntegrationTest {

    @Autowired
    TestProcesses processes;
    @Autowired
    TaskService taskService;

    @Test
    void the_rest_api_without_credentials_is_401() {
        Http http = new Http(baseUrl());
        assertThat(http.get("/engine-rest/task").statusCode()).isEqualTo(401);
        assertThat(http.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
    }

    @Test
    void the_rest_api_with_a_wrong_password_is_401() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        assertThat(new Http(baseUrl()).get("/engine-rest/task", alice, "wrong-password").statusCode()).isEqualTo(401);
    }

    @Test
    void another_users_task_cannot_be_seen_or_completed_through_the_rest_api() {
        String alice = data.user("alice", Roles.PARTICIPANT);
        String bob = data.user("bob", Roles.PARTICIPANT);
        Task task = processes.personalTask(alice, null);
        Http http = new Http(baseUrl());

        HttpResponse<String> own = http.get("/engine-rest/task?assignee=" + alice, alice, TestData.PASSWORD);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(task.getId());

        HttpResponse<String> list = http.get("/engine-rest/task?assignee=" + alice, bob, TestData.PASSWORD);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(task.getId());

        HttpResponse<String> single = http.get("/engine-rest/task/" + task.getId(), bob, TestData.PASSWORD);
        assertThat(single.statusCode()).isIn(403, 404);

        HttpResponse<String> complete = http.postJson("/engine-rest/task/" + task.getId() + "/complete", "{}",
                bob, TestData.PASSWORD);
        assertThat(complete.statusCode()).isIn(403, 404);
        HttpResponse<String> claim = http.postJson("/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\":\"" + bob + "\"}", bob, TestData.PASSWORD);
        assertThat(claim.statusCode()).isIn(403, 404);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(alice);

        HttpResponse<String> byOwner = http.postJson("/engine-rest/task/" + task.getId() + "/complete", "{}",
                alice, TestData.PASSWORD);
        assertThat(byOwner.statusCode()).isEqualTo(204);
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
}
