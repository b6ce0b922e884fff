package org.cohorte.base.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every job these models make (timers, asynchronous continuations) says how it is retried, in the place the engine
 * reads it: on the timer's event, on the activity, or, for one job per element of a multi-instance, on its loop
 * characteristics. A job with no cycle would be retried three times at once and then stop, whatever it does.
 * (The service tasks after a person's click run in that click's transaction: a failure shows the person an
 * error and changes nothing, so they need no job.)
 */
class JobRetryModelsTest {

    private static BpmnModelInstance model(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
            return Bpmn.readModelFromStream(in);
        }
    }

    private static String cycleOf(BaseElement element) {
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        return extensions.getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
                .map(CamundaFailedJobRetryTimeCycle::getTextContent).findFirst().orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"performance-review.bpmn", "blocker-resolution.bpmn", "community-question.bpmn",
            "incubator-experiment.bpmn", "member-onboarding.bpmn"})
    void every_job_of_the_model_has_a_retry_cycle(String file) throws IOException {
        BpmnModelInstance model = model(file);
        List<String> missing = new ArrayList<>();
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            BaseElement event = (BaseElement) timer.getParentElement();
            if (cycleOf(event) == null || !cycleOf(event).matches("R\\d+/PT?\\d+[MHD]")) {
                missing.add(event.getId());
            }
        }
        for (Activity activity : model.getModelElementsByType(Activity.class)) {
            if (activity.isCamundaAsyncBefore() || activity.isCamundaAsyncAfter()) {
                if (cycleOf(activity) == null) {
                    missing.add(activity.getId());
                }
            }
            if (activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop
                    && (loop.isCamundaAsyncBefore() || loop.isCamundaAsyncAfter()) && cycleOf(loop) == null) {
                missing.add(activity.getId() + " (each element)");
            }
        }
        assertThat(missing).as("jobs without camunda:failedJobRetryTimeCycle in " + file).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void opening_a_quarter_is_one_retried_job_per_organization() throws IOException {
        ServiceTask open = model("performance-review.bpmn").getModelElementById("service_task_open_organization_review");
        MultiInstanceLoopCharacteristics loop = (MultiInstanceLoopCharacteristics) open.getLoopCharacteristics();
        assertThat(loop.isCamundaAsyncBefore()).as("a job per organization, not one for all").isTrue();
        assertThat(loop.isCamundaExclusive()).isTrue();
        assertThat(loop.isSequential()).isFalse();
        assertThat(cycleOf(loop)).isEqualTo("R3/PT5M");
    }

    @org.junit.jupiter.api.Test
    void a_missing_indicator_owner_is_caught_by_the_model_with_the_code_the_delegate_throws() throws IOException {
        BpmnModelInstance model = model("performance-review.bpmn");
        BoundaryEvent caught = model.getModelElementById("error_event_owner_missing");
        ErrorEventDefinition error = (ErrorEventDefinition) caught.getEventDefinitions().iterator().next();
        assertThat(error.getError().getErrorCode())
                .isEqualTo(org.cohorte.performance.process.CheckIndicatorOwnerDelegate.OWNER_MISSING);
        assertThat(caught.getAttachedTo().getId()).isEqualTo("service_task_check_indicator_owner");
        assertThat(caught.getOutgoing().iterator().next().getTarget().getId())
                .isEqualTo(org.cohorte.performance.service.ReviewService.TASK_ASSIGN_OWNER);
    }
}
