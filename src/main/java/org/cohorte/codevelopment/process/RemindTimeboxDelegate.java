package org.cohorte.codevelopment.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.codevelopment.service.SessionProgress;
import org.springframework.stereotype.Component;

/** service_task_remind_*: a timebox ran out. */
@Component("remindTimeboxDelegate")
public class RemindTimeboxDelegate implements JavaDelegate {

    private final SessionProgress progress;

    public RemindTimeboxDelegate(SessionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.timeboxOver(UUID.fromString((String) execution.getVariable("sessionId")));
    }
}
