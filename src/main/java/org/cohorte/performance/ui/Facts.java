package org.cohorte.performance.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A compact list of "label: value" lines at the top of a form. */
final class Facts extends Div {

    Facts() {
        addClassName("perf-facts");
    }

    Facts add(String label, String value) {
        Div line = new Div(new Span(label), new Span(value == null ? "—" : value));
        line.addClassName("perf-fact");
        add(line);
        return this;
    }

    Facts add(String label, Component value) {
        Div line = new Div(new Span(label), value);
        line.addClassName("perf-fact");
        add(line);
        return this;
    }
}
