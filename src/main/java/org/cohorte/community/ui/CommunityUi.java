package org.cohorte.community.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.cohorte.base.time.EngineClock;
import org.cohorte.community.domain.QuestionStatus;
import org.cohorte.community.service.QuestionSummary;

/** Small pieces the community screens share: badges, time left on the promise, sanitised bodies, tags. */
final class CommunityUi {

    private CommunityUi() {
    }

    static Span statusBadge(Component owner, QuestionStatus status) {
        Span badge = new Span(owner.getTranslation("question.status." + status.name()));
        badge.getElement().getThemeList().add("badge pill small " + switch (status) {
            case NEW -> "contrast";
            case OPEN -> "";
            case ANSWERED -> "success";
            case ACCEPTED -> "success primary";
            case MERGED -> "contrast";
        });
        badge.addClassName("community-status");
        return badge;
    }

    /** "12 h left", "overdue by 3 h", "answered in 2 h": the promise as people read it. */
    static Span promise(Component owner, QuestionSummary q) {
        Span span = new Span();
        span.addClassName("community-promise");
        if (q.firstAnswerAt() != null) {
            span.setText(owner.getTranslation("question.promise.answeredIn",
                    hours(Duration.between(q.askedAt(), q.firstAnswerAt()))));
            span.addClassName(q.breached() ? "late" : "kept");
        } else if (q.status() == QuestionStatus.MERGED) {
            span.setText("");
        } else {
            Duration left = Duration.between(EngineClock.now(), q.dueAt());
            if (left.isNegative()) {
                span.setText(owner.getTranslation("question.promise.overdue", hours(left.negated())));
                span.addClassName("late");
            } else {
                span.setText(owner.getTranslation("question.promise.left", hours(left)));
                span.addClassName(left.toHours() < 4 ? "soon" : "ok");
            }
        }
        return span;
    }

    static String hours(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes < 60 ? minutes + " min"
                : (minutes / 60) + " h" + (minutes % 60 == 0 ? "" : String.format(" %02d", minutes % 60));
    }

    /** Sanitised HTML (the services clean it with OWASP's sanitiser before storing). */
    static Component html(String sanitised) {
        Html html = new Html("<div class=\"community-body\">" + sanitised + "</div>");
        return html;
    }

    static Div plain(String text) {
        Div div = new Div();
        div.setText(text);
        div.addClassName("community-body");
        return div;
    }

    static Div tags(List<String> tags) {
        Div div = new Div();
        div.addClassName("community-tags");
        tags.forEach(t -> {
            Span tag = new Span(t);
            tag.getElement().getThemeList().add("badge contrast small");
            div.add(tag);
        });
        return div;
    }

    static List<String> parseTags(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split("[,;]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    static boolean isPast(Instant instant) {
        return instant.isBefore(EngineClock.now());
    }
}
