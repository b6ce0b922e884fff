package org.cohorte.codevelopment.service;

import java.time.Instant;

/** A group member as the group page shows them: charter accepted, and their client history. */
public record MemberStanding(String userId, String name, Instant joinedAt, boolean charterAccepted,
                             int timesClientInCycle, int timesClient, Instant lastClientAt) {
}
