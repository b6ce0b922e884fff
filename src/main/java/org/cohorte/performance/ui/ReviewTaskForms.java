package org.cohorte.performance.ui;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.DecimalField;
import org.cohorte.base.ui.Notifier;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.Measurement;
import org.cohorte.performance.service.ReviewService;
import org.cohorte.performance.service.ReviewService.MeasurementTask;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.service.TaskDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The forms of performance_review's user tasks: enter a value, validate it, plan actions, sign off. */
@Configuration
public class ReviewTaskForms {

    public static final String MEASUREMENT = "cohorte:performance-measurement";
    public static final String VALIDATION = "cohorte:performance-validation";
    public static final String ACTION_PLAN = "cohorte:performance-action-plan";
    public static final String SIGN_OFF = "cohorte:performance-sign-off";
    public static final String ASSIGN_OWNER = "cohorte:performance-assign-owner";

    static String number(Double value, Locale locale) {
        if (value == null) {
            return "—";
        }
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }

    static Facts indicatorFacts(Component ui, Indicator indicator) {
        Locale locale = com.vaadin.flow.component.UI.getCurrent().getLocale();
        return new Facts()
                .add(ui.getTranslation("performance.indicator"), indicator.getName())
                .add(ui.getTranslation("performance.workbook.baseline"), number(indicator.getBaselineValue(), locale) + " "
                        + indicator.getUnit() + " (" + indicator.getBaselineDate() + ")")
                .add(ui.getTranslation("performance.workbook.target"), number(indicator.getTargetValue(), locale) + " "
                        + indicator.getUnit() + " (" + indicator.getTargetDate() + ")")
                .add(ui.getTranslation("performance.workbook.direction"),
                        ui.getTranslation("performance.workbook.direction." + indicator.getDirection().name()));
    }

    static Button primary(String text, String id) {
        Button button = new Button(text);
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        button.setDisableOnClick(true);
        return button;
    }

    @Bean
    TaskFormProvider measurementFormProvider(ReviewService reviewService) {
        return TaskFormProvider.of(MEASUREMENT, (task, done) -> new MeasurementForm(reviewService, task, done));
    }

    @Bean
    TaskFormProvider validationFormProvider(ReviewService reviewService) {
        return TaskFormProvider.of(VALIDATION, (task, done) -> new ValidationForm(reviewService, task, done));
    }

    @Bean
    TaskFormProvider actionPlanFormProvider(ReviewService reviewService) {
        return TaskFormProvider.of(ACTION_PLAN, (task, done) -> new ActionPlanForm(reviewService, task, done));
    }

    @Bean
    TaskFormProvider signOffFormProvider(ReviewService reviewService) {
        return TaskFormProvider.of(SIGN_OFF, (task, done) -> new SignOffForm(reviewService, task, done));
    }


    @Bean
    TaskFormProvider assignOwnerFormProvider(ReviewService reviewService) {
        return TaskFormProvider.of(ASSIGN_OWNER, (task, done) -> new AssignOwnerForm(reviewService, task, done));
    }

    /** The owner has no account any more: name another in the indicator's record, then confirm here. */
    static final class AssignOwnerForm extends Composite<VerticalLayout> {
        AssignOwnerForm(ReviewService reviewService, TaskDetails task, Runnable done) {
            MeasurementTask context = reviewService.measurementTask(task.id());
            getContent().setPadding(false);
            getContent().add(indicatorFacts(this, context.indicator())
                    .add(getTranslation("performance.period"), context.review().getPeriod())
                    .add(getTranslation("variable.ownerId"), context.indicator().getOwnerId()));
            getContent().add(new Paragraph(getTranslation("performance.form.assignOwnerHelp")),
                    new Anchor("performance/indicators", getTranslation("performance.form.assignOwnerLink")));
            Button submit = primary(getTranslation("performance.form.assignOwnerDone"), "complete-button");
            submit.addClickListener(e -> {
                if (Notifier.attempt(() -> reviewService.confirmOwnerAssigned(task.id()))) {
                    done.run();
                } else {
                    submit.setEnabled(true);
                }
            });
            getContent().add(submit);
        }
    }

    static final class MeasurementForm extends Composite<VerticalLayout> {
        MeasurementForm(ReviewService reviewService, TaskDetails task, Runnable done) {
            MeasurementTask context = reviewService.measurementTask(task.id());
            Measurement m = context.measurement();
            getContent().setPadding(false);
            getContent().add(indicatorFacts(this, context.indicator()).add(getTranslation("performance.period"),
                    context.review().getPeriod()));
            if (m.getSendBackReason() != null) {
                Paragraph reason = new Paragraph(getTranslation("performance.form.sentBack", m.getSendBackReason()));
                reason.addClassName("perf-sent-back");
                getContent().add(reason);
            }
            DecimalField value = new DecimalField(getTranslation("performance.form.value") + " (" + context.indicator().getUnit() + ")");
            value.setId("measurement-value");
            value.setRequiredIndicatorVisible(true);
            if (m.getValue() != null) {
                value.setNumber(m.getValue());
            }
            TextArea comment = new TextArea(getTranslation("performance.workbook.comment"));
            comment.setId("measurement-comment");
            comment.setMaxLength(4000);
            comment.setValue(m.getComment() == null ? "" : m.getComment());
            comment.setWidthFull();
            TextField evidence = new TextField(getTranslation("performance.form.evidence"));
            evidence.setId("measurement-evidence");
            evidence.setMaxLength(1000);
            evidence.setPlaceholder("https://");
            evidence.setValue(m.getEvidenceUrl() == null ? "" : m.getEvidenceUrl());
            evidence.setWidthFull();
            Button submit = primary(getTranslation("performance.form.submitValue"), "complete-button");
            submit.addClickListener(e -> {
                if (Notifier.attempt(() -> reviewService.submitMeasurement(task.id(), value.getNumber(), comment.getValue(),
                        evidence.getValue()))) {
                    done.run();
                } else {
                    submit.setEnabled(true);
                }
            });
            getContent().add(value, comment, evidence, submit);
        }
    }

    static final class ValidationForm extends Composite<VerticalLayout> {
        ValidationForm(ReviewService reviewService, TaskDetails task, Runnable done) {
            MeasurementTask context = reviewService.measurementTask(task.id());
            Measurement m = context.measurement();
            getContent().setPadding(false);
            Facts facts = indicatorFacts(this, context.indicator())
                    .add(getTranslation("performance.period"), context.review().getPeriod())
                    .add(getTranslation("performance.form.value"), number(m.getValue(), getLocale()) + " " + context.indicator().getUnit())
                    .add(getTranslation("performance.workbook.comment"), m.getComment());
            if (m.getEvidenceUrl() != null) {
                Anchor link = new Anchor(m.getEvidenceUrl(), m.getEvidenceUrl());
                link.setTarget("_blank");
                link.getElement().setAttribute("rel", "noopener noreferrer");
                facts.add(getTranslation("performance.form.evidence"), link);
            }
            TextArea reason = new TextArea(getTranslation("performance.form.sendBackReason"));
            reason.setId("validation-reason");
            reason.setMaxLength(2000);
            reason.setWidthFull();
            Button accept = primary(getTranslation("performance.form.accept"), "complete-button");
            Button sendBack = new Button(getTranslation("performance.form.sendBack"));
            sendBack.setId("send-back-button");
            sendBack.setDisableOnClick(true);
            accept.addClickListener(e -> {
                if (Notifier.attempt(() -> reviewService.validateMeasurement(task.id(), true, null))) {
                    done.run();
                } else {
                    accept.setEnabled(true);
                }
            });
            sendBack.addClickListener(e -> {
                if (Notifier.attempt(() -> reviewService.validateMeasurement(task.id(), false, reason.getValue()))) {
                    done.run();
                } else {
                    sendBack.setEnabled(true);
                }
            });
            getContent().add(facts, reason, new HorizontalLayout(accept, sendBack));
        }
    }

    static final class ActionPlanForm extends Composite<VerticalLayout> {
        ActionPlanForm(ReviewService reviewService, TaskDetails task, Runnable done) {
            MeasurementTask context = reviewService.measurementTask(task.id());
            Measurement m = context.measurement();
            getContent().setPadding(false);
            getContent().add(indicatorFacts(this, context.indicator())
                    .add(getTranslation("performance.form.value"), number(m.getValue(), getLocale()) + " " + context.indicator().getUnit())
                    .add(getTranslation("performance.workbook.status"), new StatusBadge(m.getStatus())));
            TextArea plan = new TextArea(getTranslation("performance.form.actionPlan"));
            plan.setId("action-plan");
            plan.setRequiredIndicatorVisible(true);
            plan.setMaxLength(4000);
            plan.setWidthFull();
            Paragraph blockerHelp = new Paragraph(getTranslation("performance.form.blockerHelp"));
            TextField blockerTitle = new TextField(getTranslation("performance.form.blockerTitle"));
            blockerTitle.setId("blocker-title");
            blockerTitle.setMaxLength(300);
            blockerTitle.setWidthFull();
            TextArea blockerDescription = new TextArea(getTranslation("blocker.description"));
            blockerDescription.setId("blocker-description");
            blockerDescription.setMaxLength(10_000);
            blockerDescription.setWidthFull();
            Button submit = primary(getTranslation("performance.form.submitPlan"), "complete-button");
            submit.addClickListener(e -> {
                if (Notifier.attempt(() -> reviewService.submitActionPlan(task.id(), plan.getValue(), blockerTitle.getValue(),
                        blockerDescription.getValue()))) {
                    done.run();
                } else {
                    submit.setEnabled(true);
                }
            });
            getContent().add(plan, blockerHelp, blockerTitle, blockerDescription, submit);
        }
    }

    static final class SignOffForm extends Composite<VerticalLayout> {
        SignOffForm(ReviewService reviewService, TaskDetails task, Runnable done) {
            List<MeasurementTask> rows = reviewService.reviewTask(task.id());
            getContent().setPadding(false);
            Grid<MeasurementTask> grid = new Grid<>();
            grid.setId("sign-off-grid");
            org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 2);
            grid.addColumn(r -> r.indicator().getName()).setHeader(getTranslation("performance.indicator")).setFlexGrow(2);
            grid.addColumn(r -> number(r.measurement().getValue(), getLocale()) + " " + r.indicator().getUnit())
                    .setHeader(getTranslation("performance.form.value"));
            grid.addComponentColumn(r -> new StatusBadge(r.measurement().getStatus()))
                    .setHeader(getTranslation("performance.workbook.status"));
            grid.addColumn(r -> r.measurement().getActionPlan() == null ? "" : r.measurement().getActionPlan())
                    .setHeader(getTranslation("performance.form.actionPlan")).setFlexGrow(2);
            grid.setItems(rows);
            grid.setAllRowsVisible(true);
            TextArea comment = new TextArea(getTranslation("performance.workbook.comment"));
            comment.setId("sign-off-comment");
            comment.setMaxLength(4000);
            comment.setWidthFull();
            Button submit = primary(getTranslation("performance.form.signOff"), "complete-button");
            submit.addClickListener(e -> {
                if (Notifier.attempt(() -> reviewService.signOff(task.id(), comment.getValue()))) {
                    done.run();
                } else {
                    submit.setEnabled(true);
                }
            });
            getContent().add(grid, comment, submit);
        }
    }
}
