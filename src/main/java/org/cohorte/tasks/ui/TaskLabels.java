package org.cohorte.tasks.ui;

import com.vaadin.flow.component.Component;
import org.cohorte.base.i18n.CohorteI18NProvider;

/**
 * Process and task names in the user's language: the BPMN models carry French names, the bundles may
 * translate them as {@code process.<key>} and {@code task.<processKey>.<taskKey>}.
 */
@org.springframework.stereotype.Component
public class TaskLabels {

    private final CohorteI18NProvider i18n;

    public TaskLabels(CohorteI18NProvider i18n) {
        this.i18n = i18n;
    }

    public String process(Component ui, String processKey, String modelName) {
        return translated(ui, "process." + processKey, modelName);
    }

    public String task(Component ui, String processKey, String taskKey, String modelName) {
        return translated(ui, "task." + processKey + "." + taskKey, modelName);
    }

    public String variable(Component ui, String name) {
        return translated(ui, "variable." + name, name);
    }

    private String translated(Component ui, String key, String fallback) {
        if (i18n.hasKey(key)) {
            return ui.getTranslation(key);
        }
        return fallback == null ? "" : fallback;
    }
}
