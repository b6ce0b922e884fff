package org.cohorte.codevelopment.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.codevelopment.service.SessionProgress;
import org.springframework.stereotype.Component;

/** service_task_finish_steps: the six steps are done; the follow-up is ahead. */
@Component("finishStepsDelegate")
public class FinishStepsDelegate implements JavaDelegate {

    private final SessionProgress progress;

    public FinishStepsDelegate(SessionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.finishSteps(UUID.fromString((String) execution.getVariable("sessionId")));
    }
}
