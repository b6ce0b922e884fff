package org.cohorte.community.domain;

/** A facilitator's triage of a new question. */
public enum TriageDecision {
    ASSIGN, CALL_ALL, ARTICLE, MERGE
}
