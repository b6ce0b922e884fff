package org.cohorte.codevelopment.service;

import java.util.UUID;

public record GroupSummary(UUID id, String name, UUID communityId, String facilitatorId, String facilitatorName,
                           int memberCount, boolean noHierarchy, boolean facilitatedByMe) {
}
