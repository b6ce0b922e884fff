package org.cohorte.base.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.cohorte.blocker.service.BlockerResolutionService;
import org.cohorte.community.service.QuestionService;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.performance.service.ReviewService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ids Java needs from a model (its key, the user tasks it works on, its start message) are constants that
 * must name what the model has: renaming a task in the Modeler fails here, not in production.
 */
class ModelIdsInJavaTest {

    static Stream<Arguments> services() {
        return Stream.of(Arguments.of("community-question.bpmn", QuestionService.class),
                Arguments.of("incubator-experiment.bpmn", IncubatorService.class),
                Arguments.of("performance-review.bpmn", ReviewService.class),
                Arguments.of("blocker-resolution.bpmn", BlockerResolutionService.class),
                Arguments.of("member-onboarding.bpmn", org.cohorte.onboarding.service.OnboardingService.class));
    }

    @ParameterizedTest
    @MethodSource("services")
    void the_service_constants_name_the_model_s_process_tasks_and_messages(String file, Class<?> service)
            throws IOException, IllegalAccessException {
        BpmnModelInstance model;
        try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
            model = Bpmn.readModelFromStream(in);
        }
        List<String> processIds = model.getModelElementsByType(Process.class).stream().map(Process::getId).toList();
        List<String> userTasks = model.getModelElementsByType(UserTask.class).stream().map(UserTask::getId).toList();
        List<String> messages = model.getModelElementsByType(Message.class).stream().map(Message::getName).toList();
        List<String> tasks = new ArrayList<>();
        for (Field field : service.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                continue;
            }
            field.setAccessible(true);
            String value = (String) field.get(null);
            if (field.getName().equals("PROCESS_KEY")) {
                assertThat(processIds).as(service.getSimpleName() + ".PROCESS_KEY").contains(value);
            } else if (field.getName().startsWith("TASK_")) {
                assertThat(userTasks).as(service.getSimpleName() + "." + field.getName()).contains(value);
                tasks.add(value);
            } else if (field.getName().startsWith("MESSAGE_")) {
                assertThat(messages).as(service.getSimpleName() + "." + field.getName()).contains(value);
            } else if (field.getName().equals("START_MESSAGE")) {
                assertThat(messages).as(service.getSimpleName() + ".START_MESSAGE").contains(value);
            }
        }
        assertThat(tasks).as("task constants of " + service.getSimpleName()).isNotEmpty();
    }
}
