package org.cohorte.incubator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.process.ExperimentStageListener;
import org.junit.jupiter.api.Test;

/**
 * The experiment's stages are said once, in the model: every stage of the board is a step of
 * incubator-experiment.bpmn carrying a {@code stage} property and the listener that records it. Renaming a stage
 * in Java or in the Modeler, or dropping the listener, fails here rather than leaving the board stale.
 */
class ExperimentStagesModelTest {

    @Test
    void every_stage_is_a_step_of_the_model_and_every_staged_step_records_itself() throws IOException {
        BpmnModelInstance model;
        try (InputStream in = Files.newInputStream(Path.of("processes", "incubator-experiment.bpmn"))) {
            model = Bpmn.readModelFromStream(in);
        }
        Map<String, String> stageByStep = new HashMap<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String stage = ExperimentStageListener.stageOf(node);
            if (stage == null) {
                continue;
            }
            stageByStep.put(node.getId(), stage);
            assertThat(node.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list())
                    .as("listener on " + node.getId())
                    .anyMatch(l -> "start".equals(l.getCamundaEvent())
                            && "${experimentStageListener}".equals(l.getCamundaDelegateExpression()));
        }
        assertThat(stageByStep.values()).as("stages named in the model").allSatisfy(s ->
                assertThat(Arrays.stream(ExperimentStage.values()).map(Enum::name)).contains(s));
        assertThat(stageByStep.values()).as("every stage of the board is reached somewhere in the model")
                .containsAll(Arrays.stream(ExperimentStage.values()).map(Enum::name).toList());
        // The steps the service's task constants name are the ones the model stages.
        assertThat(stageByStep).containsEntry(org.cohorte.incubator.service.IncubatorService.TASK_REVIEW, "IN_REVIEW")
                .containsEntry(org.cohorte.incubator.service.IncubatorService.TASK_SECOND_LEVEL, "SECOND_REVIEW")
                .containsEntry(org.cohorte.incubator.service.IncubatorService.TASK_TEST_CARD, "TEST_CARD")
                .containsEntry(org.cohorte.incubator.service.IncubatorService.TASK_DECISION, "DECISION");
    }
}
