package org.cohorte.codevelopment.service;

import java.util.List;
import java.util.UUID;

/**
 * A group as the signed-in user may see it. {@code canReadCases} is false for a member who has not accepted
 * the charter yet: they see the charter and the members, nothing of the cases. {@code caseRetentionDays}: the
 * group's own retention of closed cases, null when it follows {@code defaultRetentionDays}.
 */
public record GroupDetails(UUID id, String name, UUID communityId, String charter, boolean noHierarchy,
                           String facilitatorId, String facilitatorName, List<MemberStanding> members,
                           boolean facilitatedByMe, boolean memberMe, boolean charterAcceptedByMe,
                           boolean canReadCases, String suggestedClientId,
                           Integer caseRetentionDays, long defaultRetentionDays) {

    /** The days a closed case of this group is kept. */
    public long effectiveRetentionDays() {
        return caseRetentionDays == null ? defaultRetentionDays : caseRetentionDays;
    }
}
