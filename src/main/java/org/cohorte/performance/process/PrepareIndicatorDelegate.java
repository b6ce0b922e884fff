package org.cohorte.performance.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

/**
 * The first step of each indicator's sub-process: which indicator it is, who enters and who validates. Every
 * variable of the sub-process is made local here, so parallel indicators never overwrite each other's.
 */
@Component("prepareIndicatorDelegate")
public class PrepareIndicatorDelegate implements JavaDelegate {

    private final ReviewService reviewService;

    public PrepareIndicatorDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID reviewId = UUID.fromString((String) execution.getVariable("reviewId"));
        int index = ((Number) execution.getVariable("loopCounter")).intValue();
        ReviewService.IndicatorStep indicator = reviewService.indicatorAt(reviewId, index);
        execution.setVariableLocal("indicatorId", indicator.id().toString());
        execution.setVariableLocal("indicatorName", indicator.name());

        execution.setVariableLocal("ownerId", indicator.ownerId());
        execution.setVariableLocal("validatorId", indicator.validatorId());
        execution.setVariableLocal("accepted", false);
        execution.setVariableLocal("indicatorStatus", null);
        execution.setVariableLocal("blockerDeclared", false);
        for (String input : new String[] {"direction", "baselineValue", "targetValue", "measuredValue", "elapsed"}) {
            execution.setVariableLocal(input, null);
        }
    }
}
