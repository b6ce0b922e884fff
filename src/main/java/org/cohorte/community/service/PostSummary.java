package org.cohorte.community.service;

import java.time.Instant;
import java.util.UUID;

import org.cohorte.community.domain.PostKind;

/** An answer or follow-up as the question page shows it. {@code body} is sanitised HTML. */
public record PostSummary(UUID id, PostKind kind, String author, String authorName, String body, Instant createdAt,
                          String validatedBy, String validatedByName) {
}
