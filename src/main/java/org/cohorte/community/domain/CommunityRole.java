package org.cohorte.community.domain;

/** A member's part in one community. */
public enum CommunityRole {
    MEMBER, FACILITATOR, EXPERT, SPONSOR
}
