package org.cohorte.community.service;

import java.time.Instant;
import java.util.UUID;

/** An activity of a community's calendar. {@code kind}: MONTHLY_CALL, WORKSHOP, CODEVELOPMENT_SESSION... */
public record ActivitySummary(UUID id, UUID communityId, String title, String kind, Instant start, Instant end,
                              boolean cancelled) {
}
