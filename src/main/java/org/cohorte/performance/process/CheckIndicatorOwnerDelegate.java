package org.cohorte.performance.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.cohorte.performance.service.ReviewService;
import org.springframework.stereotype.Component;

/**
 * A business error, not a technical failure: an indicator whose owner has no account any more. The model's error
 * boundary event sends it to a manager or an administrator, who names another owner, instead of a retried job.
 */
@Component("checkIndicatorOwnerDelegate")
public class CheckIndicatorOwnerDelegate implements JavaDelegate {

    /** The error code of the model's error_indicator_owner_missing; PerformanceProcessModelsTest keeps them equal. */
    public static final String OWNER_MISSING = "indicator_owner_missing";

    private final ReviewService reviewService;

    public CheckIndicatorOwnerDelegate(ReviewService reviewService) {
        this.reviewService = reviewService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReviewService.IndicatorStep indicator = reviewService.indicator(UUID.fromString((String) execution.getVariable("indicatorId")));
        if (!reviewService.hasOwnerAccount(indicator)) {
            throw new BpmnError(OWNER_MISSING, "Indicator '" + indicator.name() + "' (" + indicator.id()
                    + ") has no owner with an account");
        }
    }
}
