package org.cohorte.performance.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

@Component("recordIndicatorStatusDelegate")
public class RecordIndicatorStatusDelegate implements JavaDelegate {

    private final ReviewService reviewService;

    public RecordIndicatorStatusDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reviewService.recordStatus(UUID.fromString((String) execution.getVariable("reviewId")),
                UUID.fromString((String) execution.getVariable("indicatorId")),
                (String) execution.getVariable("indicatorStatus"));
    }
}
