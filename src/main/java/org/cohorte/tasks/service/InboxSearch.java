package org.cohorte.tasks.service;

/**
 * What the inbox narrows its rows to besides the quick filter: one process (its BPMN key) and words of the
 * subject (matched in any case); null or blank means any.
 */
public record InboxSearch(String processKey, String subjectText) {

    public static final InboxSearch ANY = new InboxSearch(null, null);

    public InboxSearch {
        processKey = processKey == null || processKey.isBlank() ? null : processKey;
        subjectText = subjectText == null || subjectText.isBlank() ? null : subjectText.trim();
    }
}
