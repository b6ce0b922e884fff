package org.cohorte.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

/** community-question.bpmn draws in Modeler and Cockpit, keeps its history for a time, and its timers do not interrupt. */
class CommunityQuestionModelTest {

    private static BpmnModelInstance model() {
        InputStream in = CommunityQuestionModelTest.class.getResourceAsStream("/community-question.bpmn");
        assertThat(in).as("processes/community-question.bpmn on the classpath").isNotNull();
        return Bpmn.readModelFromStream(in);
    }

    @Test
    void every_node_has_a_shape_and_every_flow_an_edge_with_waypoints() {
        BpmnModelInstance model = model();
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .filter(s -> s.getBounds() != null).map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .filter(e -> e.getWaypoints().size() >= 2).map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
        assertThat(nodes).hasSizeGreaterThan(15);
        nodes.forEach(node -> assertThat(shapes).as("shape of " + node.getId()).contains(node.getId()));
        model.getModelElementsByType(SequenceFlow.class)
                .forEach(flow -> assertThat(edges).as("edge of " + flow.getId()).contains(flow.getId()));
    }

    @Test
    void history_is_kept_and_the_reminder_and_escalation_do_not_interrupt_the_question() {
        BpmnModelInstance model = model();
        Process process = model.getModelElementById("community_question");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");
        for (String timer : new String[] {"timer_reminder_20h", "timer_sla_24h"}) {
            BoundaryEvent event = model.getModelElementById(timer);
            assertThat(event.cancelActivity()).as(timer).isFalse();
            assertThat(event.getAttachedTo().getId()).isEqualTo("subprocess_first_answer");
        }
    }
}
