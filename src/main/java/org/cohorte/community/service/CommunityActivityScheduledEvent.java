package org.cohorte.community.service;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by a feature that schedules something a community should see in its calendar (a codevelopment
 * session, for example). The communities feature stores it as a calendar activity; publishing it again with
 * the same source updates that activity, and {@code cancelled} removes it from the feed.
 *
 * @param kind       the activity's kind, for example CODEVELOPMENT_SESSION, MONTHLY_CALL, WORKSHOP
 * @param sourceType the publishing feature's record type, for example "codevelopment-session"
 */
public record CommunityActivityScheduledEvent(UUID communityId, String title, Instant start, Instant end,
                                              String kind, String sourceType, UUID sourceId, boolean cancelled) {
}
