package org.cohorte.incubator.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.incubator.service.IncubatorService;
import org.springframework.stereotype.Component;

/** The end-of-period timer fired: the experiment moves to its learning card. */
@Component("closeRunDelegate")
public class CloseRunDelegate implements JavaDelegate {

    private final IncubatorService incubatorService;

    public CloseRunDelegate(IncubatorService incubatorService) {
        this.incubatorService = incubatorService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        incubatorService.closeRun(UUID.fromString((String) execution.getVariable("experimentId")));
    }
}
