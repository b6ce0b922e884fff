package org.cohorte.identity.service;

import java.util.UUID;

/**
 * Published inside the administrator's transaction when an invitation is approved or refused: the community (and
 * codevelopment) features add the new member where the facilitator asked and tell the facilitator the outcome.
 * {@code userId} is the new account, null when refused.
 */
public record InvitationDecidedEvent(UUID invitationId, boolean approved, String userId, String displayName,
                                     UUID communityId, UUID codevGroupId, String invitedBy) {
}
