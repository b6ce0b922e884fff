package org.cohorte.identity.service;

/** Published inside the creating transaction when a new member account exists. */
public record MemberJoinedEvent(String userId, String displayName) {
}
