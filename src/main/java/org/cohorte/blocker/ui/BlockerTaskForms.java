package org.cohorte.blocker.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.blocker.domain.Blocker;
import org.cohorte.blocker.service.BlockerResolutionService;
import org.cohorte.blocker.service.BlockerResolutionService.TriageDecision;
import org.cohorte.blocker.service.BlockerService;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The forms of blocker_resolution: the advisory group's triage and the assignee's resolution. */
@Configuration
public class BlockerTaskForms {

    public static final String TRIAGE = "cohorte:blocker-triage";
    public static final String RESOLUTION = "cohorte:blocker-resolution";

    @Bean
    TaskFormProvider blockerTriageFormProvider(BlockerResolutionService service) {
        return TaskFormProvider.of(TRIAGE, (task, done) -> new TriageForm(service, task, done));
    }

    @Bean
    TaskFormProvider blockerResolutionFormProvider(BlockerResolutionService service) {
        return TaskFormProvider.of(RESOLUTION, (task, done) -> new ResolutionForm(service, task, done));
    }


    static Component summary(Component ui, Blocker blocker) {
        Div box = new Div();
        box.addClassName("blocker-summary");
        Paragraph meta = new Paragraph(ui.getTranslation("blocker.source." + blocker.getSourceType().name()) + " · "
                + Formats.dateTime(blocker.getDeclaredAt(), com.vaadin.flow.component.UI.getCurrent().getLocale()) + " · "
                + ui.getTranslation("variable.slaDueDate") + " " + Formats.date(blocker.slaDueAt(BlockerService.SLA), com.vaadin.flow.component.UI.getCurrent().getLocale()));
        box.add(new H3(blocker.getTitle()), meta, new Paragraph(blocker.getDescription()));
        return box;
    }

    static final class TriageForm extends Composite<VerticalLayout> {
        TriageForm(BlockerResolutionService service, TaskDetails task, Runnable done) {
            Blocker blocker = service.blockerForTask(task.id());
            getContent().setPadding(false);
            RadioButtonGroup<TriageDecision> decision = new RadioButtonGroup<>(getTranslation("blocker.triage.decision"));
            decision.setId("triage-decision");
            decision.setItems(TriageDecision.values());
            decision.setItemLabelGenerator(d -> getTranslation("blocker.triage." + d.name()));
            decision.setValue(TriageDecision.ASSIGN);
            TextField assignee = new TextField(getTranslation("blocker.triage.assignee"));
            assignee.setId("triage-assignee");
            assignee.setMaxLength(64);
            TextArea resolution = new TextArea(getTranslation("blocker.resolution"));
            resolution.setId("triage-resolution");
            resolution.setMaxLength(10_000);
            resolution.setWidthFull();
            resolution.setVisible(false);
            decision.addValueChangeListener(e -> {
                assignee.setVisible(e.getValue() == TriageDecision.ASSIGN);
                resolution.setVisible(e.getValue() == TriageDecision.RESOLVE);
            });
            Button submit = new Button(getTranslation("blocker.triage.submit"));
            submit.setId("complete-button");
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            submit.setDisableOnClick(true);
            submit.addClickListener(e -> {
                if (Notifier.attempt(() -> service.triage(task.id(), decision.getValue(), assignee.getValue(), resolution.getValue()))) {
                    done.run();
                } else {
                    submit.setEnabled(true);
                }
            });
            getContent().add(summary(this, blocker), decision, assignee, resolution, submit);
        }
    }

    static final class ResolutionForm extends Composite<VerticalLayout> {
        ResolutionForm(BlockerResolutionService service, TaskDetails task, Runnable done) {
            Blocker blocker = service.blockerForTask(task.id());
            getContent().setPadding(false);
            TextArea resolution = new TextArea(getTranslation("blocker.resolution"));
            resolution.setId("resolution-text");
            resolution.setMaxLength(10_000);
            resolution.setWidthFull();
            Button lifted = new Button(getTranslation("blocker.resolve.submit"));
            lifted.setId("complete-button");
            lifted.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            lifted.setDisableOnClick(true);
            Button escalate = new Button(getTranslation("blocker.resolve.escalate"));
            escalate.setId("escalate-button");
            escalate.setDisableOnClick(true);
            lifted.addClickListener(e -> {
                if (Notifier.attempt(() -> service.resolve(task.id(), false, resolution.getValue()))) {
                    done.run();
                } else {
                    lifted.setEnabled(true);
                }
            });
            escalate.addClickListener(e -> {
                if (Notifier.attempt(() -> service.resolve(task.id(), true, null))) {
                    done.run();
                } else {
                    escalate.setEnabled(true);
                }
            });
            getContent().add(summary(this, blocker), resolution, new HorizontalLayout(lifted, escalate));
        }
    }
}
