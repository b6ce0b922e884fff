package org.cohorte.community.domain;

/** Where a question stands. */
public enum QuestionStatus {
    /** Posted, waiting for a facilitator's triage. */
    NEW,
    /** Triaged: assigned to an expert or called on the whole community, no answer yet (or reopened). */
    OPEN,
    /** Answered, waiting for the asker to accept or reopen. */
    ANSWERED,
    /** The asker accepted an answer. */
    ACCEPTED,
    /** Merged into an earlier question asking the same thing. */
    MERGED
}
