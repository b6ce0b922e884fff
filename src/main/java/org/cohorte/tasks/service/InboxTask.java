package org.cohorte.tasks.service;

import java.time.Instant;

import org.cohorte.tasks.api.TaskSubject;

/**
 * One row of the inbox. Names are the models' own; the UI translates them by key when the bundles have one.
 * {@code subject} says what the task is about (its record's title and page), or is null when the process names
 * none or the user may not read the record.
 */
public record InboxTask(String id, String name, String processName, String processDefinitionKey,
                        String taskDefinitionKey, Instant created, Instant due, String assignee,
                        String assigneeName, String formKey, boolean overdue, TaskSubject subject) {

    public boolean isAssigned() {
        return assignee != null;
    }
}
