package org.cohorte.identity.service;

/**
 * Published inside the transaction that changes how a member is named: their display name was edited, or
 * ({@code everywhere}) the member was pseudonymised and their name replaced in every record, so whatever copied it
 * (the inbox's subject rows) must be written again.
 */
public record MemberRenamedEvent(String userId, boolean everywhere) {
}
