package org.cohorte.community.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.cohorte.community.domain.QuestionStatus;
import org.cohorte.community.domain.TriageDecision;

/** A question as lists and its page show it. {@code body} is sanitised HTML. */
public record QuestionSummary(UUID id, UUID communityId, String communityName, String title, String body,
                              List<String> tags, String askedBy, String askedByName, Instant askedAt, Instant dueAt,
                              QuestionStatus status, TriageDecision triage, String assignee, String assigneeName,
                              UUID articleId, UUID mergedInto, Instant firstAnswerAt, boolean breached,
                              long viewCount) {
}
