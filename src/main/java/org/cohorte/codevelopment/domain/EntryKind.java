package org.cohorte.codevelopment.domain;

public enum EntryKind {
    /** A consultant's factual question (step 2), with the client's answer. */
    QUESTION,
    /** A consultant's reaction, idea or experience (step 4). */
    CONTRIBUTION,
    /** What a participant learned, with their rating of the session (step 6). */
    LEARNING
}
