package org.cohorte.tasks.api;

/** A task whose subject is asked for: its process instance's business key is the domain id of its record. */
public record TaskRef(String taskId, String taskDefinitionKey, String businessKey, String executionId) {
}
