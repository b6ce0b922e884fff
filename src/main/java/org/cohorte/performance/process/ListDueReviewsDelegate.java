package org.cohorte.performance.process;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.cohorte.identity.service.SystemIdentity;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

/**
 * The quarter's timer, first step: fixes the quarter (kept as a variable, so that a job retried later still opens
 * the quarter that ended) and hands the organizations to the multi-instance that opens one review per job.
 */
@Component("listDueReviewsDelegate")
public class ListDueReviewsDelegate implements JavaDelegate {

    private final ReviewService reviewService;

    public ListDueReviewsDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var due = SystemIdentity.runAsAdministrator("performance-review-timer", reviewService::dueReviews);
        execution.setVariable("period", due.period());
        // Transient: the multi-instance reads it in this same transaction and keeps each id as a plain string
        // variable of its own job; a list would otherwise be stored serialized.
        List<String> ids = due.organizationIds().stream().map(Object::toString).toList();
        execution.setVariable("dueOrganizationIds", Variables.objectValue(ids, true).create());
    }
}
