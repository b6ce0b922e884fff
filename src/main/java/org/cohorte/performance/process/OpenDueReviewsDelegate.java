package org.cohorte.performance.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

/** The quarter's timer: opens the reviews of the quarter that just ended, as the system. */
@Component("openDueReviewsDelegate")
public class OpenDueReviewsDelegate implements JavaDelegate {

    private final ReviewService reviewService;

    public OpenDueReviewsDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var opened = SystemIdentity.runAsAdministrator("performance-review-timer", reviewService::openDueReviews);
        execution.setVariable("reviewsOpened", opened.size());
    }
}
