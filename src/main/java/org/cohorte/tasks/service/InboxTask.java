package org.cohorte.tasks.service;

import java.time.Instant;

/** One row of the inbox. Names are the models' own; the UI translates them by key when the bundles have one. */
public record InboxTask(String id, String name, String processName, String processDefinitionKey,
                        String taskDefinitionKey, Instant created, Instant due, String assignee,
                        String assigneeName, String formKey, boolean overdue) {

    public boolean isAssigned() {
        return assignee != null;
    }
}
