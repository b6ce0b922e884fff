package org.cohorte.codevelopment.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.cohorte.codevelopment.domain.CodevSession;
import org.junit.jupiter.api.Test;

/**
 * codevelopment-session.bpmn and the Java around it say each thing once: steps come from the model (SessionSteps),
 * and every id, name and role Java still names is checked here against the model, so editing the model in the
 * Modeler cannot silently part them.
 */
class SessionModelAgreementTest {

    private static BpmnModelInstance model() {
        try (InputStream in = SessionModelAgreementTest.class.getResourceAsStream("/codevelopment-session.bpmn")) {
            return Bpmn.readModelFromStream(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_model_defines_six_numbered_steps_each_with_a_reminder_an_entering_task_and_default_timeboxes() {
        List<SessionSteps.Step> steps = SessionSteps.read(model());
        assertThat(steps).extracting(SessionSteps.Step::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(steps).hasSize(CodevSession.STEPS);
        assertThat(steps).extracting(SessionSteps.Step::key)
                .containsExactly("presentation", "clarification", "contract", "consultation", "synthesis", "learning");
        assertThat(steps).extracting(s -> s.liveTimebox().toMinutes()).containsExactly(10L, 15L, 5L, 25L, 15L, 10L);
        assertThat(steps).extracting(s -> s.asyncTimebox().toDays()).containsExactly(2L, 3L, 2L, 5L, 3L, 2L);
        BpmnModelInstance model = model();
        for (SessionSteps.Step step : steps) {
            SubProcess sub = model.getModelElementById(step.subProcessId());
            // The label the Modeler shows ("2. Clarification") carries the same number as the property.
            assertThat(sub.getName()).startsWith(step.number() + ". ");
            org.camunda.bpm.model.bpmn.instance.ServiceTask enter = model.getModelElementById(step.enterTaskId());
            assertThat(enter.getCamundaDelegateExpression()).isEqualTo(SessionSteps.ENTER_STEP_DELEGATE);
            BoundaryEvent timer = model.getModelElementById(step.timerId());
            assertThat(timer.cancelActivity()).isFalse();
            assertThat(step.liveTimebox()).isPositive();
            assertThat(step.asyncTimebox()).isGreaterThan(Duration.ofDays(1).minusSeconds(1));
        }
    }

    @Test
    void every_step_has_a_label_in_french_and_english() throws Exception {
        for (String locale : List.of("fr", "en")) {
            Properties bundle = new Properties();
            try (InputStream in = getClass().getResourceAsStream("/i18n/codevelopment_" + locale + ".properties")) {
                bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (SessionSteps.Step step : SessionSteps.read(model())) {
                assertThat(bundle.getProperty("codevelopment.step." + step.key())).as(locale + " " + step.key()).isNotBlank();
            }
        }
    }

    @Test
    void every_task_id_java_names_is_a_user_task_of_the_model_and_every_user_task_is_named() throws Exception {
        Set<String> inJava = new HashSet<>();
        for (Field field : Steps.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("TASK_")) {
                inJava.add((String) field.get(null));
            }
        }
        Set<String> inModel = model().getModelElementsByType(UserTask.class).stream().map(UserTask::getId)
                .collect(Collectors.toSet());
        assertThat(inJava).isEqualTo(inModel);
    }

    @Test
    void who_java_lets_complete_a_task_is_whom_the_model_assigns_it_to() {
        BpmnModelInstance model = model();
        for (String id : Steps.CLIENT_TASKS) {
            assertThat(userTask(model, id).getCamundaAssignee()).as(id).isEqualTo("${clientId}");
        }
        for (String id : Steps.FACILITATOR_TASKS) {
            assertThat(userTask(model, id).getCamundaAssignee()).as(id).isEqualTo("${facilitatorId}");
        }
        for (String id : Steps.CONSULTANT_TASKS) {
            UserTask task = userTask(model, id);
            assertThat(task.getCamundaAssignee()).as(id).isEqualTo("${consultant}");
            assertThat(((MultiInstanceLoopCharacteristics) task.getLoopCharacteristics()).getCamundaCollection())
                    .isEqualTo("${codevelopmentRoster.consultants(sessionId)}");
        }
        UserTask learning = userTask(model, Steps.TASK_INTEGRATE_LEARNING);
        assertThat(((MultiInstanceLoopCharacteristics) learning.getLoopCharacteristics()).getCamundaCollection())
                .isEqualTo("${codevelopmentRoster.everyone(sessionId)}");
        assertThat(userTask(model, Steps.TASK_PUBLISH_LEARNING_NOTE).getCamundaCandidateUsers())
                .isEqualTo("${facilitatorId}, ${clientId}");
    }

    @Test
    void the_messages_and_the_follow_up_timer_java_names_are_the_model_s() {
        BpmnModelInstance model = model();
        assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
                .containsExactlyInAnyOrder(Steps.MESSAGE_ADVANCE, Steps.MESSAGE_EXTEND, Steps.MESSAGE_CANCEL);
        IntermediateCatchEvent followUp = model.getModelElementById(Steps.TIMER_FOLLOW_UP);
        assertThat(followUp.getEventDefinitions()).singleElement().isInstanceOf(TimerEventDefinition.class);
        assertThat(model.getDefinitions().getChildElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class))
                .extracting(org.camunda.bpm.model.bpmn.instance.Process::getId).containsExactly(Steps.PROCESS_KEY);
    }

    @Test
    void every_timer_retries_five_times_a_minute_apart_before_raising_an_incident() {
        BpmnModelInstance model = model();
        List<String> timers = model.getModelElementsByType(TimerEventDefinition.class).stream()
                .map(t -> t.getParentElement()).map(e -> (org.camunda.bpm.model.bpmn.instance.BaseElement) e)
                .map(e -> e.getId() + "=" + (e.getExtensionElements() == null ? null
                        : e.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                        .list().stream().map(CamundaFailedJobRetryTimeCycle::getTextContent).findFirst().orElse(null)))
                .toList();
        assertThat(timers).hasSize(7).allMatch(t -> t.endsWith("=R5/PT1M"));
    }

    @Test
    void a_model_whose_steps_are_renumbered_or_lose_their_reminder_is_refused() {
        BpmnModelInstance renumbered = model();
        renumbered.getModelElementsByType(CamundaProperty.class).stream()
                .filter(p -> SessionSteps.STEP.equals(p.getCamundaName()) && "3".equals(p.getCamundaValue()))
                .forEach(p -> p.setCamundaValue("2"));
        assertThatThrownBy(() -> SessionSteps.read(renumbered)).hasMessageContaining("numbered 1 to 6");

        BpmnModelInstance withoutReminder = model();
        BoundaryEvent timer = withoutReminder.getModelElementById("timer_consultation_timebox");
        timer.getParentElement().removeChildElement(timer);
        assertThatThrownBy(() -> SessionSteps.read(withoutReminder)).hasMessageContaining("sub_process_consultation");

        BpmnModelInstance unnamed = model();
        unnamed.getModelElementsByType(CamundaProperty.class).stream()
                .filter(p -> SessionSteps.STEP_KEY.equals(p.getCamundaName()) && "synthesis".equals(p.getCamundaValue()))
                .toList().forEach(p -> p.getParentElement().removeChildElement(p));
        assertThatThrownBy(() -> SessionSteps.read(unnamed)).hasMessageContaining(SessionSteps.STEP_KEY);
    }

    private static UserTask userTask(BpmnModelInstance model, String id) {
        UserTask task = model.getModelElementById(id);
        assertThat(task).as(id).isNotNull();
        return task;
    }

    @SuppressWarnings("unused")
    private static Set<String> set(String... values) {
        return new HashSet<>(Arrays.asList(values));
    }
}
