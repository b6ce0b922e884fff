package org.cohorte.blocker.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.blocker.service.BlockerResolutionService;
import org.springframework.stereotype.Component;

@Component("remindAdvisoryDelegate")
public class RemindAdvisoryDelegate implements JavaDelegate {

    private final BlockerResolutionService resolutionService;

    public RemindAdvisoryDelegate(BlockerResolutionService resolutionService) {
        this.resolutionService = resolutionService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        resolutionService.remindAdvisory(UUID.fromString((String) execution.getVariable("blockerId")));
    }
}
