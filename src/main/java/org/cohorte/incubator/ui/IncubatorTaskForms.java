package org.cohorte.incubator.ui;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.LocaleNumbers;
import org.cohorte.base.ui.DecimalField;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.incubator.domain.DecisionKind;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.tasks.api.TaskFormProvider;
import org.cohorte.tasks.service.TaskDetails;

/** The forms of the incubator's tasks, one provider per {@code camunda:formKey}. */
public final class IncubatorTaskForms {

    private IncubatorTaskForms() {
    }

    /** The experiment in a few lines above each form, with a link to its full history. */
    static Component summary(Experiment e) {
        VerticalLayout box = new VerticalLayout();
        box.addClassName("incubator-task-summary");
        box.setPadding(false);
        box.setSpacing(false);
        com.vaadin.flow.component.html.Anchor link = new com.vaadin.flow.component.html.Anchor(
                "incubator/experiment/" + e.getId(), e.getTitle());
        link.setId("incubator-task-experiment");
        box.add(link);
        add(box, "incubator.field.hypothesis", e.getHypothesis());
        add(box, "incubator.field.metric", e.getMetric());
        add(box, "incubator.field.criterion", (e.isHigherIsBetter() ? "≥ " : "≤ ")
                + LocaleNumbers.format(e.getThreshold()) + " " + (e.getMetricUnit() == null ? "" : e.getMetricUnit()));
        return box;
    }

    private static void add(VerticalLayout box, String key, String value) {
        if (value == null) {
            return;
        }
        Paragraph p = new Paragraph();
        Span label = new Span(box.getTranslation(key) + " : ");
        label.addClassName("incubator-fact-label");
        p.add(label, new Span(value));
        box.add(p);
    }

    /** The task page says "task completed" once {@code onCompleted} runs. */
    static Button submit(String key, Runnable action, Runnable onCompleted) {
        Button button = new Button();
        button.setText(button.getTranslation(key));
        button.addClickListener(e -> {
            if (Notifier.attempt(action)) {
                onCompleted.run();
            } else {
                button.setEnabled(true);
            }
        });
        button.setId("complete-button");
        button.setDisableOnClick(true);
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return button;
    }

    static TextArea area(String key, String id) {
        TextArea area = new TextArea();
        area.setLabel(area.getTranslation(key));
        area.setId(id);
        area.setMaxLength(IncubatorService.MAX_TEXT);
        area.setWidthFull();
        return area;
    }

    /** First- and second-level review: approve, request changes, reject. */
    @org.springframework.stereotype.Component
    public static class ReviewForm implements TaskFormProvider {
        private final IncubatorService incubatorService;

        public ReviewForm(IncubatorService incubatorService) {
            this.incubatorService = incubatorService;
        }

        @Override
        public String formKey() {
            return "cohorte:incubator-review";
        }

        @Override
        public Component createForm(TaskDetails task, Runnable onCompleted) {
            Experiment e = incubatorService.forTask(task.id());
            VerticalLayout form = new VerticalLayout(summary(e));
            form.setPadding(false);
            if (Boolean.TRUE.equals(task.variables().get("needsSecondLevel"))
                    && IncubatorService.TASK_REVIEW.equals(task.taskDefinitionKey())) {
                Span note = new Span(form.getTranslation("incubator.review.secondLevel"));
                note.getElement().getThemeList().add("badge");
                note.setId("incubator-second-level");
                form.add(note);
            }
            RadioButtonGroup<DecisionKind> outcome = new RadioButtonGroup<>();
            outcome.setId("incubator-review-outcome");
            outcome.setItems(DecisionKind.APPROVE, DecisionKind.REQUEST_CHANGES, DecisionKind.REJECT);
            outcome.setItemLabelGenerator(k -> form.getTranslation(switch (k) {
                case APPROVE -> "incubator.review.approve";
                case REQUEST_CHANGES -> "incubator.review.requestChanges";
                default -> "incubator.review.reject";
            }));
            outcome.setValue(DecisionKind.APPROVE);
            TextArea comment = area("incubator.review.comment", "incubator-review-comment");
            form.add(outcome, comment, submit("incubator.decision.submit",
                    () -> incubatorService.review(task.id(), outcome.getValue(), comment.getValue()), onCompleted));
            return form;
        }
    }

    /** The proposer revises after "changes requested". */
    @org.springframework.stereotype.Component
    public static class ReviseForm implements TaskFormProvider {
        private final IncubatorService incubatorService;
        private final OrganizationService organizationService;
        private final CurrentUser currentUser;

        public ReviseForm(IncubatorService incubatorService, OrganizationService organizationService,
                          CurrentUser currentUser) {
            this.incubatorService = incubatorService;
            this.organizationService = organizationService;
            this.currentUser = currentUser;
        }

        @Override
        public String formKey() {
            return "cohorte:incubator-revise";
        }

        @Override
        public Component createForm(TaskDetails task, Runnable onCompleted) {
            Experiment e = incubatorService.forTask(task.id());
            var organizations = organizationService.refs();
            ProposalFields fields = new ProposalFields(organizations, incubatorService.people(), currentUser.userId());
            fields.fill(e, organizations);
            VerticalLayout form = new VerticalLayout();
            form.setPadding(false);
            if (e.getReviewComment() != null) {
                Paragraph comment = new Paragraph(form.getTranslation("incubator.revise.comment", e.getReviewComment()));
                comment.setId("incubator-review-comment");
                form.add(comment);
            }
            form.add(fields, submit("incubator.revise.submit", () -> incubatorService.revise(task.id(), fields.value()), onCompleted));
            return form;
        }
    }

    /** We believe… we will… we measure… we are right if… */
    @org.springframework.stereotype.Component
    public static class TestCardForm implements TaskFormProvider {
        private final IncubatorService incubatorService;

        public TestCardForm(IncubatorService incubatorService) {
            this.incubatorService = incubatorService;
        }

        @Override
        public String formKey() {
            return "cohorte:incubator-test-card";
        }

        @Override
        public Component createForm(TaskDetails task, Runnable onCompleted) {
            Experiment e = incubatorService.forTask(task.id());
            TextArea believe = area("incubator.testCard.weBelieve", "incubator-we-believe");
            believe.setValue(e.getHypothesis() == null ? "" : e.getHypothesis());
            TextArea will = area("incubator.testCard.weWill", "incubator-we-will");
            TextArea measure = area("incubator.testCard.weMeasure", "incubator-we-measure");
            measure.setValue(e.getMetric() == null ? "" : e.getMetric());
            TextArea rightIf = area("incubator.testCard.weAreRightIf", "incubator-we-are-right-if");
            VerticalLayout form = new VerticalLayout(summary(e), believe, will, measure, rightIf,
                    submit("incubator.testCard.submit", () -> incubatorService.submitTestCard(task.id(),
                            believe.getValue(), will.getValue(), measure.getValue(), rightIf.getValue()), onCompleted));
            form.setPadding(false);
            return form;
        }
    }

    /** The weekly check-in, with an optional blocker. */
    @org.springframework.stereotype.Component
    public static class CheckInForm implements TaskFormProvider {
        private final IncubatorService incubatorService;

        public CheckInForm(IncubatorService incubatorService) {
            this.incubatorService = incubatorService;
        }

        @Override
        public String formKey() {
            return "cohorte:incubator-check-in";
        }

        @Override
        public Component createForm(TaskDetails task, Runnable onCompleted) {
            Experiment e = incubatorService.forTask(task.id());
            TextArea observations = area("incubator.checkIn.observations", "incubator-observations");
            DecimalField value = new DecimalField();
            value.setLabel(value.getTranslation("incubator.checkIn.metricValue"));
            value.setId("incubator-metric-value");
            value.setSuffixComponent(new Span(e.getMetricUnit() == null ? "" : e.getMetricUnit()));
            TextField blockerTitle = new TextField();
            blockerTitle.setLabel(blockerTitle.getTranslation("incubator.checkIn.blockerTitle"));
            blockerTitle.setId("incubator-blocker-title");
            blockerTitle.setMaxLength(300);
            blockerTitle.setWidthFull();
            TextArea blockerDescription = area("incubator.checkIn.blockerDescription", "incubator-blocker-description");
            VerticalLayout form = new VerticalLayout(summary(e), observations, value, blockerTitle, blockerDescription,
                    submit("incubator.checkIn.submit", () -> incubatorService.checkIn(task.id(), observations.getValue(),
                            value.getNumber(), blockerTitle.getValue(), blockerDescription.getValue()), onCompleted));
            form.setPadding(false);
            return form;
        }
    }

    /** Observed value, insights, actions. */
    @org.springframework.stereotype.Component
    public static class LearningCardForm implements TaskFormProvider {
        private final IncubatorService incubatorService;

        public LearningCardForm(IncubatorService incubatorService) {
            this.incubatorService = incubatorService;
        }

        @Override
        public String formKey() {
            return "cohorte:incubator-learning-card";
        }

        @Override
        public Component createForm(TaskDetails task, Runnable onCompleted) {
            Experiment e = incubatorService.forTask(task.id());
            DecimalField observed = new DecimalField();
            observed.setLabel(observed.getTranslation("incubator.learning.observed"));
            observed.setId("incubator-observed");
            observed.setRequiredIndicatorVisible(true);
            observed.setSuffixComponent(new Span(e.getMetricUnit() == null ? "" : e.getMetricUnit()));
            TextArea insights = area("incubator.learning.insights", "incubator-insights");
            TextArea actions = area("incubator.learning.actions", "incubator-actions");
            VerticalLayout form = new VerticalLayout(summary(e), observed, insights, actions,
                    submit("incubator.learning.submit", () -> incubatorService.submitLearningCard(task.id(),
                            observed.getNumber(), insights.getValue(), actions.getValue()), onCompleted));
            form.setPadding(false);
            return form;
        }
    }

    /** The committee's decision at the end of a run, with the decision table's suggestion preselected. */
    @org.springframework.stereotype.Component
    public static class DecisionForm implements TaskFormProvider {
        private final IncubatorService incubatorService;

        public DecisionForm(IncubatorService incubatorService) {
            this.incubatorService = incubatorService;
        }

        @Override
        public String formKey() {
            return "cohorte:incubator-decision";
        }

        @Override
        public Component createForm(TaskDetails task, Runnable onCompleted) {
            Experiment e = incubatorService.forTask(task.id());
            VerticalLayout form = new VerticalLayout(summary(e));
            form.setPadding(false);
            Object observed = task.variables().get("observedValue");
            Object suggested = task.variables().get("suggestedDecision");
            if (observed instanceof Number n) {
                Paragraph p = new Paragraph(form.getTranslation("incubator.learning.observed") + " : "
                        + LocaleNumbers.format(n.doubleValue()) + " " + (e.getMetricUnit() == null ? "" : e.getMetricUnit()));
                p.setId("incubator-observed-value");
                form.add(p);
            }
            RadioButtonGroup<DecisionKind> decision = new RadioButtonGroup<>();
            decision.setLabel(form.getTranslation("incubator.decision.choice"));
            decision.setId("incubator-decision");
            decision.setItems(List.of(DecisionKind.PERSEVERE, DecisionKind.PIVOT, DecisionKind.SCALE, DecisionKind.STOP));
            decision.setItemLabelGenerator(k -> form.getTranslation("incubator.decision." + k.name()));
            if (suggested != null) {
                Span badge = new Span(form.getTranslation("incubator.decision.suggested",
                        form.getTranslation("incubator.decision." + suggested)));
                badge.getElement().getThemeList().add("badge");
                badge.setId("incubator-suggestion");
                form.add(badge);
                decision.setValue(DecisionKind.valueOf(suggested.toString()));
            }
            IntegerField extraWeeks = new IntegerField();
            extraWeeks.setLabel(form.getTranslation("incubator.decision.extraWeeks"));
            extraWeeks.setId("incubator-extra-weeks");
            extraWeeks.setMin(1);
            extraWeeks.setMax(IncubatorService.MAX_WEEKS);
            extraWeeks.setStepButtonsVisible(true);
            extraWeeks.setValue(Math.min(e.getDurationWeeks(), IncubatorService.MAX_WEEKS));
            extraWeeks.setVisible(decision.getValue() == DecisionKind.PERSEVERE);
            decision.addValueChangeListener(ev -> extraWeeks.setVisible(ev.getValue() == DecisionKind.PERSEVERE));
            TextArea comment = area("incubator.decision.comment", "incubator-decision-comment");
            HorizontalLayout row = new HorizontalLayout(decision, extraWeeks);
            row.setWrap(true);
            form.add(row, comment, submit("incubator.decision.submit", () -> incubatorService.decide(task.id(),
                    decision.getValue(), comment.getValue(), extraWeeks.getValue() == null ? 0 : extraWeeks.getValue()), onCompleted));
            return form;
        }
    }
}
