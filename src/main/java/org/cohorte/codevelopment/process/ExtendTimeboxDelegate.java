package org.cohorte.codevelopment.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.codevelopment.service.SessionProgress;
import org.springframework.stereotype.Component;

/** service_task_extend_*: the facilitator extended the step; its reminder moves to the new end. */
@Component("extendTimeboxDelegate")
public class ExtendTimeboxDelegate implements JavaDelegate {

    private final SessionProgress progress;

    public ExtendTimeboxDelegate(SessionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.rescheduleReminder(UUID.fromString((String) execution.getVariable("sessionId")),
                execution.getProcessInstanceId(), execution.getProcessDefinitionId());
    }
}
