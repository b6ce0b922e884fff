package org.cohorte.incubator.process;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.service.IncubatorService;
import org.springframework.stereotype.Component;

/**
 * The experiment's stage is where its process stands, as the model says it: each step that is a stage carries a
 * {@code stage} property (Modeler: Extensions → Properties) and this listener on its start. The service no longer
 * repeats the model's routing (second level or not, persevere, pivot, scale, stop) to guess the next stage.
 */
@Component("experimentStageListener")
public class ExperimentStageListener implements ExecutionListener {

    public static final String STAGE_PROPERTY = "stage";

    private final IncubatorService incubatorService;

    public ExperimentStageListener(IncubatorService incubatorService) {
        this.incubatorService = incubatorService;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String stage = stageOf(execution.getBpmnModelElementInstance());
        if (stage == null) {
            throw new IllegalStateException("No '" + STAGE_PROPERTY + "' property on " + execution.getCurrentActivityId());
        }
        incubatorService.stageReached(UUID.fromString((String) execution.getVariable("experimentId")),
                ExperimentStage.valueOf(stage));
    }

    /** The stage a model element stands for, or null when it is not a stage. */
    public static String stageOf(BaseElement element) {
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> STAGE_PROPERTY.equals(p.getCamundaName())).map(CamundaProperty::getCamundaValue)
                .findFirst().orElse(null);
    }
}
