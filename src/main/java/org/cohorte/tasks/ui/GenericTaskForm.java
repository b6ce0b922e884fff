package org.cohorte.tasks.ui;

import java.time.Instant;
import java.util.Map;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.tasks.service.InboxService;
import org.cohorte.tasks.service.TaskDetails;

/** For tasks with no dedicated form: what the process knows, read-only, and a button to complete. */
public class GenericTaskForm extends Composite<VerticalLayout> {

    public GenericTaskForm(TaskDetails task, TaskLabels labels, InboxService inboxService, Runnable onCompleted) {
        VerticalLayout layout = getContent();
        layout.setPadding(false);
        layout.addClassName("generic-task-form");
        if (task.variables().isEmpty()) {
            layout.add(new Paragraph(getTranslation("tasks.generic.noData")));
        } else {
            FormLayout fields = new FormLayout();
            for (Map.Entry<String, Object> variable : task.variables().entrySet()) {
                TextField field = new TextField(labels.variable(this, variable.getKey()));
                field.setValue(display(variable.getValue()));
                field.setReadOnly(true);
                fields.add(field);
            }
            layout.add(fields);
        }
        Button complete = new Button(getTranslation("tasks.action.complete"), e -> {
            if (Notifier.attempt(() -> inboxService.complete(task.id(), Map.of()))) {
                onCompleted.run();
            } else {
                e.getSource().setEnabled(true);
            }
        });
        complete.setId("complete-button");
        complete.setDisableOnClick(true);
        complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        layout.add(complete);
    }

    private String display(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return getTranslation(b ? "common.yes" : "common.no");
        }
        if (value instanceof Instant instant) {
            return Formats.dateTime(instant, getLocale());
        }
        return value.toString();
    }
}
