package org.cohorte.community.service;

import org.cohorte.community.domain.CommunityRole;

/** A line of a community's directory. */
public record MemberEntry(String userId, String displayName, CommunityRole role, String organization) {
}
