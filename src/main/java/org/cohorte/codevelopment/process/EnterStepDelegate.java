package org.cohorte.codevelopment.process;

import java.util.Date;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.codevelopment.service.SessionProgress;
import org.springframework.stereotype.Component;

/** service_task_enter_*: starts a step's clock; its end date drives the reminder timer and the tasks' due dates. */
@Component("enterStepDelegate")
public class EnterStepDelegate implements JavaDelegate {

    private final SessionProgress progress;

    public EnterStepDelegate(SessionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int step = ((Number) execution.getVariableLocal("step")).intValue();
        Date end = progress.enterStep(UUID.fromString((String) execution.getVariable("sessionId")), step);
        execution.getProcessInstance().setVariable("stepEndsAt", end);
        execution.getProcessInstance().setVariable("stepDueAt", end);
    }
}
