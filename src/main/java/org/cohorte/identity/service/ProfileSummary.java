package org.cohorte.identity.service;

import java.util.UUID;

/** A member's profile as other features read it: values, not the entity. */
public record ProfileSummary(String displayName, UUID organizationId, String language, String timeZone) {
}
