package org.cohorte.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every model in processes/ carries diagram interchange (Modeler and Cockpit draw them), a TTL, and the wiring the
 * Modeler writes: incoming/outgoing on each node, names on events and conditional flows, joins through gateways
 * (the part of .ci/run's bpmnlint that tools reading the semantic model rely on, checked here without npm).
 */
class PerformanceProcessModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"performance-review.bpmn", "blocker-resolution.bpmn", "codevelopment-session.bpmn",
            "community-question.bpmn", "incubator-experiment.bpmn", "member-onboarding.bpmn"})
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

    @ParameterizedTest
    @ValueSource(strings = {"performance-review.bpmn", "blocker-resolution.bpmn", "codevelopment-session.bpmn",
            "community-question.bpmn", "incubator-experiment.bpmn", "member-onboarding.bpmn"})
    void every_node_lists_its_flows_events_and_conditions_are_named_and_joins_are_gateways(String file) throws IOException {
        BpmnModelInstance model;
        try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
            model = Bpmn.readModelFromStream(in);
        }
        var flows = model.getModelElementsByType(SequenceFlow.class);
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            var in = flows.stream().filter(f -> f.getTarget() == node).toList();
            var out = flows.stream().filter(f -> f.getSource() == node).toList();
            // The file's bpmn:incoming/outgoing must say what the flows' sourceRef/targetRef say.
            assertThat(node.getIncoming()).as("incoming of " + node.getId()).containsExactlyInAnyOrderElementsOf(in);
            assertThat(node.getOutgoing()).as("outgoing of " + node.getId()).containsExactlyInAnyOrderElementsOf(out);
            if (!(node instanceof Gateway)) {
                assertThat(in).as("fake join at " + node.getId() + ": join through a gateway").hasSizeLessThanOrEqualTo(1);
            }
            if (node instanceof StartEvent || node instanceof EndEvent) {
                assertThat(node.getName()).as("name of " + node.getId()).isNotBlank();
            }
        }
        for (SequenceFlow flow : flows) {
            if (flow.getConditionExpression() != null) {
                assertThat(flow.getName()).as("label of conditional " + flow.getId()).isNotBlank();
            }
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
