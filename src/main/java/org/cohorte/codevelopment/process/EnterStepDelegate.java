package org.cohorte.codevelopment.process;

import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.codevelopment.service.SessionProgress;
import org.cohorte.codevelopment.service.SessionSteps;
import org.springframework.stereotype.Component;

/** service_task_enter_*: starts a step's clock; its end date drives the reminder timer and the tasks' due dates. */
@Component("enterStepDelegate")
public class EnterStepDelegate implements JavaDelegate {

    private final SessionProgress progress;
    private final SessionSteps steps;

    public EnterStepDelegate(SessionProgress progress, SessionSteps steps) {
        this.progress = progress;
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // Which step this task enters is the model's word (the step property of the sub-process it leads into).
        int step = steps.enteredBy(execution.getProcessDefinitionId(), execution.getCurrentActivityId()).number();
        Date end = progress.enterStep(UUID.fromString((String) execution.getVariable("sessionId")), step);
        execution.getProcessInstance().setVariable("stepEndsAt", end);
        execution.getProcessInstance().setVariable("stepDueAt", end);
    }
}
