package org.cohorte.performance.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

@Component("publishReviewDelegate")
public class PublishReviewDelegate implements JavaDelegate {

    private final ReviewService reviewService;

    public PublishReviewDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reviewService.publish(UUID.fromString((String) execution.getVariable("reviewId")));
    }
}
