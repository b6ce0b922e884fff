package org.cohorte.performance.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

/**
 * One organization's review of the quarter, in its own job (asynchronous, retried by the model's cycle). A failure
 * propagates: the engine retries, then raises an incident whose message names the organization.
 */
@Component("openOrganizationReviewDelegate")
public class OpenOrganizationReviewDelegate implements JavaDelegate {

    private final ReviewService reviewService;

    public OpenOrganizationReviewDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID organizationId = UUID.fromString((String) execution.getVariable("organizationId"));
        String period = (String) execution.getVariable("period");
        SystemIdentity.runAsAdministrator("performance-review-timer",
                () -> reviewService.openDueReview(organizationId, period));
    }
}
