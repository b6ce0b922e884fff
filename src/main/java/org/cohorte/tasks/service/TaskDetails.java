package org.cohorte.tasks.service;

import java.time.Instant;
import java.util.Map;

/** A task as its form sees it: where it comes from, who holds it, and its variables. */
public record TaskDetails(String id, String name, String description, String processName,
                          String processDefinitionKey, String taskDefinitionKey, String processInstanceId,
                          String businessKey, Instant created, Instant due, String assignee,
                          String assigneeName, String formKey, boolean overdue, boolean assignedToMe,
                          boolean releasable, Map<String, Object> variables) {

    /** Unassigned: the user may claim it (only tasks offered to them are ever returned). */
    public boolean claimable() {
        return assignee == null;
    }

    /** The user may work on it now or after claiming it. */
    public boolean workable() {
        return assignee == null || assignedToMe;
    }
}
