package org.cohorte.codevelopment.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.cohorte.codevelopment.domain.CodevSession;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.identity.service.EngineAuthentication;
import org.springframework.stereotype.Component;

/**
 * The six steps as {@code codevelopment-session.bpmn} defines them, read from the deployed model so that the model
 * says them once: each step is a sub-process carrying {@code camunda:properties} ({@code cohorte.step} its number,
 * {@code cohorte.stepKey} the key of its labels, {@code cohorte.liveTimebox} and {@code cohorte.asyncTimebox} its
 * default timeboxes as ISO-8601 durations); its reminder is the timer attached to it and it is entered through the
 * service task that leads into it (its only incoming flow). Renaming, renumbering or rewiring a step in the Modeler changes what Java reads;
 * a model that breaks these rules is refused here (and by {@code SessionModelAgreementTest}) instead of drifting.
 * <p>
 * Read once per process definition and kept: a deployed definition never changes, and every node deploys the same
 * models from {@code processes/}, so this cache holds the same on every node.
 */
@Component
public class SessionSteps {

    public static final String STEP = "cohorte.step";
    public static final String STEP_KEY = "cohorte.stepKey";
    public static final String LIVE_TIMEBOX = "cohorte.liveTimebox";
    public static final String ASYNC_TIMEBOX = "cohorte.asyncTimebox";
    static final String ENTER_STEP_DELEGATE = "${enterStepDelegate}";

    /** One step: its number (1 to 6), label key, sub-process, the service task entering it, its reminder timer. */
    public record Step(int number, String key, String subProcessId, String enterTaskId, String timerId,
                       Duration liveTimebox, Duration asyncTimebox) {
    }

    private final RepositoryService repositoryService;
    private final EngineAuthentication engineAuthentication;
    private final Map<String, List<Step>> byDefinition = new ConcurrentHashMap<>();

    public SessionSteps(RepositoryService repositoryService, EngineAuthentication engineAuthentication) {
        this.repositoryService = repositoryService;
        this.engineAuthentication = engineAuthentication;
    }

    /** The steps of the latest deployed session model, in order. */
    public List<Step> steps() {
        String id = engineAuthentication.asSystem(() -> repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(Steps.PROCESS_KEY).latestVersion().singleResult()).getId();
        return steps(id);
    }

    /** The steps of one deployed version of the session model, in order. */
    public List<Step> steps(String processDefinitionId) {
        return byDefinition.computeIfAbsent(processDefinitionId, id -> read(engineAuthentication.asSystem(
                () -> repositoryService.getBpmnModelInstance(id))));
    }

    public Step step(String processDefinitionId, int number) {
        return steps(processDefinitionId).get(number - 1);
    }

    /** The step a service task enters ({@code service_task_enter_*}). */
    public Step enteredBy(String processDefinitionId, String activityId) {
        return steps(processDefinitionId).stream().filter(s -> s.enterTaskId().equals(activityId)).findFirst()
                .orElseThrow(() -> new IllegalStateException(activityId + " enters no step of " + processDefinitionId));
    }

    /** Default timeboxes of a mode, in minutes, step by step. */
    public List<Integer> defaultTimeboxMinutes(SessionMode mode) {
        return steps().stream().map(s -> (int) (mode == SessionMode.ASYNC ? s.asyncTimebox() : s.liveTimebox()).toMinutes())
                .toList();
    }

    /** Reads and checks the steps of a session model; a model that breaks the rules above is refused. */
    public static List<Step> read(BpmnModelInstance model) {
        List<Step> steps = new ArrayList<>();
        Collection<SubProcess> subProcesses = model.getModelElementsByType(SubProcess.class);
        for (SubProcess sub : subProcesses) {
            Map<String, String> properties = properties(sub);
            if (!properties.containsKey(STEP)) {
                continue;
            }
            String id = sub.getId();
            List<String> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
                    .filter(b -> b.getAttachedTo() == sub && !b.getEventDefinitions().isEmpty()
                            && b.getEventDefinitions().iterator().next() instanceof TimerEventDefinition)
                    .map(BaseElement::getId).toList();
            // Flows are read by their sourceRef/targetRef (the file need not list bpmn:incoming in each node).
            List<String> enters = model.getModelElementsByType(SequenceFlow.class).stream()
                    .filter(f -> f.getTarget() == sub).map(SequenceFlow::getSource)
                    .map(n -> n instanceof ServiceTask ? n.getId() : null).toList();
            if (timers.size() != 1 || enters.size() != 1 || enters.get(0) == null) {
                throw new IllegalStateException(id + " needs one reminder timer and one way in, a service task ("
                        + ENTER_STEP_DELEGATE + "), has " + timers + " and " + enters);
            }
            steps.add(new Step(Integer.parseInt(require(properties, STEP, id)), require(properties, STEP_KEY, id), id,
                    enters.get(0), timers.get(0), Duration.parse(require(properties, LIVE_TIMEBOX, id)),
                    Duration.parse(require(properties, ASYNC_TIMEBOX, id))));
        }
        steps.sort(Comparator.comparingInt(Step::number));
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).number() != i + 1) {
                throw new IllegalStateException("Steps must be numbered 1 to " + steps.size() + ": " + steps);
            }
        }
        if (steps.size() != CodevSession.STEPS) {
            throw new IllegalStateException("A session has " + CodevSession.STEPS + " steps, the model " + steps.size());
        }
        return List.copyOf(steps);
    }

    private static Map<String, String> properties(BaseElement element) {
        Map<String, String> map = new HashMap<>();
        if (element.getExtensionElements() == null) {
            return map;
        }
        for (CamundaProperties properties : element.getExtensionElements().getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                map.put(property.getCamundaName(), property.getCamundaValue());
            }
        }
        return map;
    }

    private static String require(Map<String, String> properties, String name, String id) {
        String value = properties.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(id + " lacks the property " + name);
        }
        return value;
    }
}
