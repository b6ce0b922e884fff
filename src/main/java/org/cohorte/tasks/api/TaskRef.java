package org.cohorte.tasks.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A task whose subject is asked for: its process instance's business key is the domain id of its record. */
public record TaskRef(String taskId, String taskDefinitionKey, String businessKey, String executionId) {

    /** The record's id, or null when the business key is not one (a task started outside Cohorte's services). */
    public UUID recordId() {
        return parseId(businessKey);
    }

    /** The distinct record ids of these tasks, for one query per page. */
    public static List<UUID> recordIds(List<TaskRef> tasks) {
        return tasks.stream().map(TaskRef::recordId).filter(Objects::nonNull).distinct().toList();
    }

    /** A domain id written as text (a business key, a process variable), or null when it is none. */
    public static UUID parseId(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
