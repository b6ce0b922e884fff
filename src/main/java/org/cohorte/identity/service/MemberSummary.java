package org.cohorte.identity.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member as the admin screens and directories show them; {@code signInLockedUntil} is set while failed
 * sign-ins keep the account locked.
 */
public record MemberSummary(String userId, String displayName, String firstName, String lastName, String email,
                            UUID organizationId, String organizationName, String language, List<String> groups,
                            Instant signInLockedUntil) {
}
