package org.cohorte.performance.ui;

import com.vaadin.flow.component.html.Span;
import org.cohorte.performance.domain.IndicatorStatus;

/** A coloured status pill: on track, at risk, off track or not rated. */
final class StatusBadge extends Span {

    StatusBadge(IndicatorStatus status) {
        String key = status == null ? "NONE" : status.name();
        setText(getTranslation("performance.workbook.status." + key));
        addClassName("perf-status");
        addClassName("perf-status-" + key.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
}
