package org.cohorte.tasks.api;

import java.util.List;

/**
 * What a task is about, as its holder may see it: a short text (a question's title, an experiment's title, a
 * group and session date...), the route of its page (or null when the holder has no page to open), and, for the
 * task page only, the lines of context needed to do the task (label already translated, value as written).
 */
public record TaskSubject(String text, String route, List<Line> context) {

    public TaskSubject {
        context = context == null ? List.of() : List.copyOf(context);
    }

    public TaskSubject(String text, String route) {
        this(text, route, List.of());
    }

    /** One line of context: a translated label and the value as the record holds it. */
    public record Line(String label, String value) {
    }
}
