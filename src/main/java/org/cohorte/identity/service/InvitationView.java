package org.cohorte.identity.service;

import java.time.Instant;
import java.util.UUID;

/** A pending invitation as the administrators' list shows it. */
public record InvitationView(UUID id, String firstName, String lastName, String email, String organizationName,
                             UUID communityId, UUID codevGroupId, String place, String invitedBy, String invitedByName,
                             Instant createdAt, UUID organizationId) {

    public String displayName() {
        return firstName + " " + lastName;
    }
}
