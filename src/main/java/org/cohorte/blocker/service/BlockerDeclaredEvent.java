package org.cohorte.blocker.service;

import java.util.UUID;

import org.cohorte.blocker.domain.BlockerSource;

/** Published inside the declaring transaction; the resolution process starts from it. */
public record BlockerDeclaredEvent(UUID blockerId, BlockerSource sourceType, String sourceId, UUID organizationId) {
}
