package org.cohorte.community.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An article as lists and pages show it. */
public record ArticleSummary(UUID id, UUID communityId, String title, String body, List<String> tags,
                             String sourceType, String sourceId, String createdBy, Instant createdAt,
                             String updatedBy, Instant updatedAt, long viewCount, long version) {
}
