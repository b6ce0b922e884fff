package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The performance and blocker models carry diagram interchange (Modeler and Cockpit draw them) and a TTL. */
class PerformanceProcessModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"performance-review.bpmn", "blocker-resolution.bpmn"})
    void every_element_is_drawn_and_history_is_bounded(String file) throws IOException {
        BpmnModelInstance model;
        try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
            model = Bpmn.readModelFromStream(in);
        }
        Bpmn.validateModel(model);
        for (Process process : model.getModelElementsByType(Process.class)) {
            assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId()).isNotBlank();
        }
        var shaped = model.getModelElementsByType(BpmnShape.class).stream().map(s -> s.getBpmnElement().getId()).toList();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shaped).as("shape of " + node.getId()).contains(node.getId());
            assertThat(node.getId()).matches("[a-z]+(_[a-z0-9]+)+");
        }
        var edges = model.getModelElementsByType(BpmnEdge.class);
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges.stream().filter(e -> e.getBpmnElement().getId().equals(flow.getId()))
                    .findFirst().orElseThrow(() -> new AssertionError("edge of " + flow.getId())).getWaypoints())
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @org.junit.jupiter.api.Test
    void the_status_decision_has_a_shape_and_a_ttl() throws IOException {
        String dmn = Files.readString(Path.of("processes", "indicator-status.dmn"));
        var model = org.camunda.bpm.model.dmn.Dmn.readModelFromStream(new java.io.ByteArrayInputStream(dmn.getBytes()));
        var decision = model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class).iterator().next();
        assertThat(decision.getId()).isEqualTo("indicator_status");
        assertThat(decision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
        assertThat(dmn).contains("dmndi:DMNShape", "dmnElementRef=\"indicator_status\"");
    }
}
