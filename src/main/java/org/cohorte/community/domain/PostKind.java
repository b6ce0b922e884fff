package org.cohorte.community.domain;

/** An answer to a question, or the asker's follow-up when they reopen it. */
public enum PostKind {
    ANSWER, FOLLOW_UP
}
