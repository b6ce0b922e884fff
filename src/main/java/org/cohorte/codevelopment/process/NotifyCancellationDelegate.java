package org.cohorte.codevelopment.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.codevelopment.service.SessionProgress;
import org.springframework.stereotype.Component;

/** service_task_notify_cancellation: the participants learn that the session is cancelled, and why. */
@Component("notifyCancellationDelegate")
public class NotifyCancellationDelegate implements JavaDelegate {

    private final SessionProgress progress;

    public NotifyCancellationDelegate(SessionProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.notifyCancelled(UUID.fromString((String) execution.getVariable("sessionId")));
    }
}
