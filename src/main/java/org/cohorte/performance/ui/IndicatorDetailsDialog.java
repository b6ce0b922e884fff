package org.cohorte.performance.ui;

import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.domain.Period;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.SteeringRoomService.Point;

/** Drill-down: an indicator's definition, its whole history as a chart and a table of values and comments. */
class IndicatorDetailsDialog extends Dialog {

    IndicatorDetailsDialog(IndicatorService indicatorService, UUID indicatorId) {
        Indicator indicator = indicatorService.indicator(indicatorId);
        List<Measurement> history = indicatorService.history(indicatorId);
        setHeaderTitle(indicator.getName());
        setId("indicator-details");
        setWidth("min(95vw, 56rem)");
        List<Point> points = history.stream().map(m -> new Point(m.getPeriod(), m.getPeriodEnd(), m.getValue(), m.getStatus()))
                .toList();
        if (points.isEmpty()) {
            Period p = Period.containing(indicator.getBaselineDate());
            points = List.of(new Point(p.label(), p.end(), null, null));
        }
        add(ReviewTaskForms.indicatorFacts(this, indicator));
        add(TrendChart.of(indicator, points, 640, 180, getTranslation("performance.steering.trendOf", indicator.getName())));
        Grid<Measurement> grid = new Grid<>();
        grid.setId("indicator-history");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 1, 2);
        grid.addColumn(Measurement::getPeriod).setHeader(getTranslation("performance.period")).setAutoWidth(true);
        grid.addColumn(m -> ReviewTaskForms.number(m.getValue(), UI.getCurrent().getLocale()))
                .setHeader(getTranslation("performance.form.value")).setAutoWidth(true);
        grid.addComponentColumn(m -> new StatusBadge(m.getStatus())).setHeader(getTranslation("performance.workbook.status"))
                .setAutoWidth(true);
        grid.addColumn(m -> m.getComment() == null ? "" : m.getComment()).setHeader(getTranslation("performance.workbook.comment"))
                .setFlexGrow(2);
        grid.addColumn(m -> m.getActionPlan() == null ? "" : m.getActionPlan())
                .setHeader(getTranslation("performance.form.actionPlan")).setFlexGrow(2);
        grid.addComponentColumn(m -> {
            if (m.getEvidenceUrl() == null) {
                return new Span();
            }
            Anchor link = new Anchor(m.getEvidenceUrl(), getTranslation("performance.form.evidenceShort"));
            link.setTarget("_blank");
            link.getElement().setAttribute("rel", "noopener noreferrer");
            return link;
        }).setHeader(getTranslation("performance.form.evidence")).setAutoWidth(true);
        List<Measurement> newestFirst = new java.util.ArrayList<>(history);
        java.util.Collections.reverse(newestFirst);
        grid.setItems(newestFirst);
        grid.setAllRowsVisible(true);
        add(grid);
        Button close = new Button(getTranslation("performance.close"), e -> close());
        close.setId("close-details");
        getFooter().add(close);
    }
}
