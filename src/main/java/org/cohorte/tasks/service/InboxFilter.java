package org.cohorte.tasks.service;

/** The inbox's quick filters. */
public enum InboxFilter {
    /** Assigned to me, or claimable through my groups. */
    ALL,
    /** Assigned to me. */
    MINE,
    /** Not assigned yet, offered to me or to one of my groups. */
    MY_GROUPS,
    /** Any of the above whose due date has passed. */
    OVERDUE,
    /** Any of the above due today. */
    DUE_TODAY
}
