package org.cohorte.community.ui;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.DatePickers;
import org.cohorte.base.time.EngineClock;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.service.ActivitySummary;
import org.cohorte.community.service.CalendarService;

/** The community page's calendar tab: upcoming activities, the members' feed address, planning for managers. */
class CommunityCalendarTab extends VerticalLayout {

    private final CalendarService calendarService;
    private final UUID communityId;

    CommunityCalendarTab(CalendarService calendarService, UUID communityId, boolean member, boolean manager) {
        this.calendarService = calendarService;
        this.communityId = communityId;
        VerticalLayout tab = this;
        tab.setPadding(false);
        HorizontalLayout actions = new HorizontalLayout();
        actions.setWrap(true);
        if (member) {
            Button feed = new Button(getTranslation("community.calendar.feed"), VaadinIcon.CALENDAR.create(), e -> {
                String path = calendarService.feedPath(communityId);
                TextField address = new TextField(getTranslation("community.calendar.feedAddress"));
                address.setWidthFull();
                address.setReadOnly(true);
                String base = com.vaadin.flow.server.VaadinServletRequest.getCurrent() == null ? ""
                        : com.vaadin.flow.server.VaadinServletRequest.getCurrent().getHttpServletRequest()
                        .getRequestURL().toString().replaceAll("^(https?://[^/]+).*$", "$1");
                address.setValue(base + path);
                address.setId("community-feed-address");
                Dialog dialog = new Dialog(new Paragraph(getTranslation("community.calendar.feedHelp")), address);
                dialog.setWidth("min(40rem, 95vw)");
                dialog.getFooter().add(new Button(getTranslation("community.close"), x -> dialog.close()));
                dialog.open();
            });
            feed.setId("community-feed");
            actions.add(feed);
        }
        if (manager) {
            Button plan = new Button(getTranslation("community.calendar.plan"), VaadinIcon.PLUS.create(), e -> planDialog());
            plan.setId("community-plan");
            actions.add(plan);
        }
        tab.add(actions);
        List<ActivitySummary> upcoming = calendarService.upcoming(communityId);
        if (upcoming.isEmpty()) {
            tab.add(new Paragraph(getTranslation("community.calendar.empty")));
        }
        for (ActivitySummary a : upcoming) {
            Div card = new Div();
            card.addClassName("community-card");
            Span kind = new Span(getTranslation("community.activity." + kindKey(a.kind())));
            kind.getElement().getThemeList().add("badge small");
            Span when = new Span(Formats.dateTime(a.start(), getLocale()));
            Div meta = new Div(kind, when);
            meta.addClassName("community-meta");
            Span name = new Span(a.title());
            name.addClassName("community-card-title");
            card.add(name, meta);
            tab.add(card);
        }
    }

    static String kindKey(String kind) {
        return CalendarService.kindKey(kind);
    }

    private void planDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("community.calendar.plan"));
        TextField name = new TextField(getTranslation("community.activity.title"));
        Select<String> kind = new Select<>();
        kind.setLabel(getTranslation("community.activity.kind"));
        kind.setItems("MONTHLY_CALL", "WORKSHOP", "OTHER");
        kind.setItemLabelGenerator(k -> getTranslation("community.activity." + k));
        kind.setValue("MONTHLY_CALL");
        DateTimePicker start = DatePickers.createDateTime(getTranslation("community.activity.start"));
        DateTimePicker end = DatePickers.createDateTime(getTranslation("community.activity.end"));
        LocalDateTime next = LocalDateTime.ofInstant(EngineClock.now(), EngineClock.ZONE).plusDays(7).withHour(12)
                .withMinute(0).withSecond(0).withNano(0);
        start.setValue(next);
        end.setValue(next.plusHours(1));
        Button save = new Button(getTranslation("common.save"), e -> {
            if (Notifier.attempt(() -> calendarService.schedule(communityId, name.getValue(), kind.getValue(),
                    start.getValue() == null ? null : start.getValue().atZone(EngineClock.ZONE).toInstant(),
                    end.getValue() == null ? null : end.getValue().atZone(EngineClock.ZONE).toInstant()))) {
                dialog.close();
                getUI().ifPresent(ui -> ui.getPage().reload());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(name, kind, start, end);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }
}
