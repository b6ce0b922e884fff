package org.cohorte.performance.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

/** Sets the inputs of indicator-status.dmn for the accepted measurement. */
@Component("rateIndicatorDelegate")
public class RateIndicatorDelegate implements JavaDelegate {

    private final ReviewService reviewService;

    public RateIndicatorDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reviewService.statusInputs(UUID.fromString((String) execution.getVariable("reviewId")),
                UUID.fromString((String) execution.getVariable("indicatorId"))).forEach(execution::setVariableLocal);
    }
}
