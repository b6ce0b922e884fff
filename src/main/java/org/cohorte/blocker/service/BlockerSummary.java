package org.cohorte.blocker.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.cohorte.blocker.domain.Blocker;
import org.cohorte.blocker.domain.BlockerSource;
import org.cohorte.blocker.domain.BlockerStatus;

/** A blocker as other features read it (steering room, forum workbook, an experiment's page): values, no entity. */
public record BlockerSummary(UUID id, BlockerSource sourceType, String sourceId, UUID organizationId, String title,
                             String description, String declaredBy, Instant declaredAt, BlockerStatus status,
                             String assignee, String resolution, Instant resolvedAt, Instant escalatedAt) {

    static BlockerSummary of(Blocker b) {
        return new BlockerSummary(b.getId(), b.getSourceType(), b.getSourceId(), b.getOrganizationId(), b.getTitle(),
                b.getDescription(), b.getDeclaredBy(), b.getDeclaredAt(), b.getStatus(), b.getAssignee(),
                b.getResolution(), b.getResolvedAt(), b.getEscalatedAt());
    }

    public long ageInDays(Instant now) {
        return Duration.between(declaredAt, now).toDays();
    }

    /** When the resolution is due, {@code sla} after it was declared. */
    public Instant slaDueAt(Duration sla) {
        return declaredAt.plus(sla);
    }
}
