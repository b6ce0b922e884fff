package org.cohorte.identity.service;

import java.util.UUID;

/** Published inside the transaction that renames an organization (tasks whose subject names it are re-sorted). */
public record OrganizationRenamedEvent(UUID organizationId) {
}
