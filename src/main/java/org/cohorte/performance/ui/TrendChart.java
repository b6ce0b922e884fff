package org.cohorte.performance.ui;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.Html;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.service.SteeringRoomService.Point;
import org.springframework.web.util.HtmlUtils;

/**
 * An indicator's trend as server-side SVG: the expected straight path from baseline to target (dashed), the
 * target (thin line), and the measured values, each point coloured by its status.
 */
final class TrendChart {

    private TrendChart() {
    }

    /** Wrapped in a div: the browser then parses the SVG as SVG (a root svg element made by Flow would not be). */
    static Html of(Indicator indicator, List<Point> points, int width, int height, String ariaLabel) {
        return new Html("<div class=\"perf-trend-box\">" + svg(indicator, points, width, height, ariaLabel) + "</div>");
    }

    static String svg(Indicator indicator, List<Point> points, int width, int height, String ariaLabel) {
        int padX = 8;
        int padY = 8;
        double min = Math.min(indicator.getBaselineValue(), indicator.getTargetValue());
        double max = Math.max(indicator.getBaselineValue(), indicator.getTargetValue());
        for (Point p : points) {
            if (p.value() != null) {
                min = Math.min(min, p.value());
                max = Math.max(max, p.value());
            }
        }
        if (max - min < 1e-9) {
            max = min + 1;
        }
        double span = max - min;
        min -= span * 0.1;
        max += span * 0.1;
        int n = points.size();
        double step = n <= 1 ? 0 : (double) (width - 2 * padX) / (n - 1);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"perf-trend\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" aria-label=\"").append(escape(ariaLabel)).append("\">");
        // Expected path: the baseline-to-target line evaluated at each period's end.
        StringBuilder expected = new StringBuilder();
        long total = Math.max(1, ChronoUnit.DAYS.between(indicator.getBaselineDate(), indicator.getTargetDate()));
        for (int i = 0; i < n; i++) {
            long days = ChronoUnit.DAYS.between(indicator.getBaselineDate(), points.get(i).periodEnd());
            double share = Math.max(0, Math.min(1, (double) days / total));
            double value = indicator.getBaselineValue() + (indicator.getTargetValue() - indicator.getBaselineValue()) * share;
            expected.append(i == 0 ? "M" : " L").append(fmt(padX + i * step)).append(' ')
                    .append(fmt(y(value, min, max, height, padY)));
        }
        double targetY = y(indicator.getTargetValue(), min, max, height, padY);
        svg.append("<line class=\"perf-trend-target\" x1=\"").append(padX).append("\" x2=\"").append(width - padX)
                .append("\" y1=\"").append(fmt(targetY)).append("\" y2=\"").append(fmt(targetY))
                .append("\" stroke=\"#0b7a75\" stroke-width=\"1\" stroke-opacity=\"0.5\"/>");
        svg.append("<path class=\"perf-trend-expected\" d=\"").append(expected)
                .append("\" fill=\"none\" stroke=\"#8a94a6\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            if (p.value() != null) {
                line.append(line.isEmpty() ? "M" : " L").append(fmt(padX + i * step)).append(' ')
                        .append(fmt(y(p.value(), min, max, height, padY)));
            }
        }
        if (!line.isEmpty()) {
            svg.append("<path class=\"perf-trend-line\" d=\"").append(line)
                    .append("\" fill=\"none\" stroke=\"#1d4f91\" stroke-width=\"2\"/>");
        }
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            if (p.value() != null) {
                svg.append("<circle cx=\"").append(fmt(padX + i * step)).append("\" cy=\"")
                        .append(fmt(y(p.value(), min, max, height, padY))).append("\" r=\"3.5\" fill=\"")
                        .append(colour(p.status())).append("\" stroke=\"#ffffff\" stroke-width=\"1\"><title>")
                        .append(escape(p.period() + " : " + fmt(p.value()))).append("</title></circle>");
            }
        }
        return svg.append("</svg>").toString();
    }

    static String colour(IndicatorStatus status) {
        if (status == null) {
            return "#8a94a6";
        }
        return switch (status) {
            case ON_TRACK -> "#2e7d32";
            case AT_RISK -> "#c77c02";
            case OFF_TRACK -> "#c62828";
        };
    }

    private static double y(double value, double min, double max, int height, int pad) {
        return pad + (max - value) / (max - min) * (height - 2 * pad);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Only {@code & < > " '}: with UTF-8 named, accented letters stay as they are (SVG knows no {@code &eacute;}). */
    static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
