package org.cohorte.codevelopment.service;

import java.time.Instant;
import java.util.UUID;

import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.domain.SessionStatus;

/** One line of a group's history. */
public record SessionSummary(UUID id, Instant scheduledAt, SessionMode mode, SessionStatus status, String clientId,
                             String clientName, int currentStep, String caseTitle, int consultantsPresent,
                             Double averageRating, int actions, boolean followedUp) {
}
