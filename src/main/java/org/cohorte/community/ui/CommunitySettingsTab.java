package org.cohorte.community.ui;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.server.StreamResource;
import org.cohorte.base.ui.DatePickers;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.domain.Community;
import org.cohorte.community.service.CommunityHealthWorkbookExporter;
import org.cohorte.community.service.CommunityService;

/** The community page's settings tab, for those who manage it: the answer promise and the health workbook. */
class CommunitySettingsTab extends VerticalLayout {

    CommunitySettingsTab(CommunityService communityService, CommunityHealthWorkbookExporter exporter, Community community) {
        VerticalLayout tab = this;
        tab.setPadding(false);
        IntegerField answer = new IntegerField(getTranslation("community.settings.answerHours"));
        answer.setValue(community.getAnswerHours());
        answer.setId("community-answer-hours");
        IntegerField reminder = new IntegerField(getTranslation("community.settings.reminderHours"));
        reminder.setValue(community.getReminderHours());
        Button save = new Button(getTranslation("common.save"), e -> {
            if (Notifier.attempt(() -> communityService.updatePromise(community.getId(),
                    answer.getValue() == null ? 0 : answer.getValue(), reminder.getValue() == null ? 0 : reminder.getValue()))) {
                Notifier.success("common.saved");
            }
        });
        HorizontalLayout promise = new HorizontalLayout(answer, reminder, save);
        promise.setWrap(true);
        promise.setAlignItems(FlexComponent.Alignment.BASELINE);

        DatePicker from = DatePickers.create(getTranslation("community.report.from"));
        DatePicker to = DatePickers.create(getTranslation("community.report.to"));
        LocalDate today = EngineClock.today();
        from.setValue(today.minusDays(30));
        to.setValue(today);
        Div download = new Div();
        Button generate = new Button(getTranslation("community.report.generate"), VaadinIcon.FILE_TABLE.create(), e -> {
            download.removeAll();
            try {
                byte[] bytes = exporter.export(community.getId(), from.getValue(), to.getValue(), getLocale());
                String file = "sante-communaute-" + from.getValue() + "-" + to.getValue() + ".xlsx";
                Anchor link = new Anchor(new StreamResource(file, () -> new ByteArrayInputStream(bytes)),
                        getTranslation("community.report.download"));
                link.getElement().setAttribute("download", true);
                link.setId("community-report-link");
                download.add(link);
            } catch (CohorteException ex) {
                Notifier.error(ex);
            }
        });
        generate.setId("community-report");
        HorizontalLayout report = new HorizontalLayout(from, to, generate);
        report.setWrap(true);
        report.setAlignItems(FlexComponent.Alignment.BASELINE);
        tab.add(new H3(getTranslation("community.settings.promise")), promise,
                new H3(getTranslation("community.report.title")), report, download);
    }
}
