package org.cohorte.performance.service;

import java.util.UUID;

/**
 * An organization's quarterly review could not be opened. Its message names the organization and the quarter:
 * once the job's retries are spent it becomes the incident's message in Cockpit, so an administrator knows
 * which organization's data to fix before retrying the job.
 */
public class ReviewOpeningException extends RuntimeException {

    private final UUID organizationId;

    public ReviewOpeningException(String organizationName, UUID organizationId, String period, Throwable cause) {
        super("Review " + period + " of organization '" + organizationName + "' (" + organizationId
                + ") could not be opened: " + describe(cause), cause);
        this.organizationId = organizationId;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
