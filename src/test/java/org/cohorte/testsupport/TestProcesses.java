package org.cohorte.testsupport;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * Two one-task processes for inbox tests: a task for a named person, and a task offered to a group.
 * Built with the model API and deployed once (duplicate filtering spares a rerun on the same database a
 * new version), so no test BPMN
 * file ends up among the application's models.
 */
@Component
public class TestProcesses {

    public static final String PERSONAL = "test_personal_task";
    public static final String GROUP = "test_group_task";

    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private volatile boolean deployed;

    public TestProcesses(RepositoryService repositoryService, RuntimeService runtimeService, TaskService taskService,
                         IdentityService identityService) {
        this.identityService = identityService;
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
    }

    private synchronized void ensureDeployed() {
        if (deployed) {
            return;
        }
        BpmnModelInstance personal = Bpmn.createExecutableProcess(PERSONAL).name("Démarche de test personnelle")
                .camundaHistoryTimeToLive(1)
                .startEvent("start_event_test")
                .userTask("user_task_personal").name("Tâche personnelle").camundaAssignee("${assignee}")
                .camundaDueDate("${due}")
                .endEvent("end_event_test").done();
        BpmnModelInstance group = Bpmn.createExecutableProcess(GROUP).name("Démarche de test de groupe")
                .camundaHistoryTimeToLive(1)
                .startEvent("start_event_test")
                .userTask("user_task_group").name("Tâche de groupe").camundaCandidateGroups("${group}")
                .camundaDueDate("${due}")
                .endEvent("end_event_test").done();
        // Models are deployed by the application, never by someone signed in: deploy as the test harness.
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            repositoryService.createDeployment().name("cohorte-tests").enableDuplicateFiltering(true)
                    .addModelInstance(PERSONAL + ".bpmn", personal)
                    .addModelInstance(GROUP + ".bpmn", group)
                    .deploy();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
        deployed = true;
    }

    /** Starts a process whose one task is assigned to the user; returns the task. */
    public Task personalTask(String assignee, Instant due) {
        ensureDeployed();
        Map<String, Object> variables = new HashMap<>();
        variables.put("assignee", assignee);
        variables.put("due", due == null ? null : Date.from(due));
        variables.put("subject", "Sujet de test");
        String instance = runtimeService.startProcessInstanceByKey(PERSONAL, variables).getId();
        return taskService.createTaskQuery().processInstanceId(instance).singleResult();
    }

    /** Starts a process whose one task is offered to a group; returns the task. */
    public Task groupTask(String group, Instant due) {
        ensureDeployed();
        Map<String, Object> variables = new HashMap<>();
        variables.put("group", group);
        variables.put("due", due == null ? null : Date.from(due));
        String instance = runtimeService.startProcessInstanceByKey(GROUP, variables).getId();
        return taskService.createTaskQuery().processInstanceId(instance).singleResult();
    }
}
