package org.cohorte.tasks.api;

import java.util.function.BiFunction;

import com.vaadin.flow.component.Component;
import org.cohorte.tasks.service.TaskDetails;

/**
 * A feature's form for the user tasks whose BPMN {@code camunda:formKey} equals {@link #formKey()}. The
 * task page shows the task's header and puts this form under it; tasks with no provider get the generic
 * form. The form completes the task through its own feature service and then calls {@code onCompleted}.
 */
public interface TaskFormProvider {

    String formKey();

    Component createForm(TaskDetails task, Runnable onCompleted);

    /** A provider from a form key and a factory of the form (task, what to do once completed). */
    static TaskFormProvider of(String formKey, BiFunction<TaskDetails, Runnable, Component> factory) {
        return new TaskFormProvider() {
            @Override
            public String formKey() {
                return formKey;
            }

            @Override
            public Component createForm(TaskDetails task, Runnable onCompleted) {
                return factory.apply(task, onCompleted);
            }
        };
    }
}
