package org.cohorte.incubator.ui;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.DecimalField;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ProposalData;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.incubator.service.Person;

/** The fields of a proposal, for the propose page and the "revise" task. */
class ProposalFields extends Composite<FormLayout> {

    final TextField title = new TextField();
    final ComboBox<OrganizationRef> organization = new ComboBox<>();
    final ComboBox<Person> sponsor = new ComboBox<>();
    final MultiSelectComboBox<Person> team = new MultiSelectComboBox<>();
    final TextArea problem = new TextArea();
    final TextArea hypothesis = new TextArea();
    final TextField metric = new TextField();
    final TextField unit = new TextField();
    final DecimalField threshold = new DecimalField();
    final RadioButtonGroup<Boolean> direction = new RadioButtonGroup<>();
    final IntegerField durationWeeks = new IntegerField();
    final DecimalField budget = new DecimalField();
    final TextArea resources = new TextArea();
    private final List<Person> people;

    ProposalFields(List<OrganizationRef> organizations, List<Person> people, String me) {
        this.people = people;
        label(title, "incubator.field.title", "incubator-title");
        title.setMaxLength(IncubatorService.MAX_TITLE);
        title.setRequiredIndicatorVisible(true);
        organization.setLabel(getTranslation("incubator.field.organization"));
        organization.setId("incubator-organization");
        organization.setItems(organizations);
        organization.setItemLabelGenerator(OrganizationRef::label);
        organization.setRequiredIndicatorVisible(true);
        sponsor.setLabel(getTranslation("incubator.field.sponsor"));
        sponsor.setId("incubator-sponsor");
        sponsor.setItems(people);
        sponsor.setItemLabelGenerator(Person::displayName);
        sponsor.setRequiredIndicatorVisible(true);
        team.setLabel(getTranslation("incubator.field.team"));
        team.setId("incubator-team");
        team.setItems(people.stream().filter(p -> !p.userId().equals(me)).toList());
        team.setItemLabelGenerator(Person::displayName);
        label(problem, "incubator.field.problem", "incubator-problem");
        problem.setRequiredIndicatorVisible(true);
        label(hypothesis, "incubator.field.hypothesis", "incubator-hypothesis");
        hypothesis.setRequiredIndicatorVisible(true);
        label(metric, "incubator.field.metric", "incubator-metric");
        metric.setMaxLength(IncubatorService.MAX_SHORT);
        metric.setRequiredIndicatorVisible(true);
        label(unit, "incubator.field.unit", "incubator-unit");
        unit.setMaxLength(IncubatorService.MAX_UNIT);
        threshold.setLabel(getTranslation("incubator.field.threshold"));
        threshold.setId("incubator-threshold");
        threshold.setRequiredIndicatorVisible(true);
        direction.setLabel(getTranslation("incubator.field.direction"));
        direction.setId("incubator-direction");
        direction.setItems(true, false);
        direction.setItemLabelGenerator(h -> getTranslation(h ? "incubator.direction.higher" : "incubator.direction.lower"));
        direction.setValue(true);
        durationWeeks.setLabel(getTranslation("incubator.field.durationWeeks"));
        durationWeeks.setId("incubator-duration");
        durationWeeks.setMin(1);
        durationWeeks.setMax(IncubatorService.MAX_WEEKS);
        durationWeeks.setStepButtonsVisible(true);
        durationWeeks.setValue(6);
        budget.setLabel(getTranslation("incubator.field.budget"));
        budget.setId("incubator-budget");
        budget.setNumber(0.0);
        label(resources, "incubator.field.resources", "incubator-resources");
        for (TextArea area : List.of(problem, hypothesis, resources)) {
            area.setMaxLength(IncubatorService.MAX_TEXT);
        }
        FormLayout form = getContent();
        form.add(title, organization, sponsor, team, problem, hypothesis, metric, unit, threshold, direction,
                durationWeeks, budget, resources);
        form.setColspan(title, 2);
        form.setColspan(team, 2);
        form.setColspan(problem, 2);
        form.setColspan(hypothesis, 2);
        form.setColspan(resources, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
    }

    private void label(com.vaadin.flow.component.textfield.TextFieldBase<?, String> field, String key, String id) {
        if (field instanceof TextField tf) {
            tf.setLabel(getTranslation(key));
        } else if (field instanceof TextArea ta) {
            ta.setLabel(getTranslation(key));
        }
        field.setId(id);
    }

    void fill(Experiment e, List<OrganizationRef> organizations) {
        title.setValue(e.getTitle());
        organizations.stream().filter(o -> o.id().equals(e.getOrganizationId())).findFirst()
                .ifPresent(organization::setValue);
        people.stream().filter(p -> p.userId().equals(e.getSponsorId())).findFirst().ifPresent(sponsor::setValue);
        team.setValue(people.stream().filter(p -> e.isOnTeam(p.userId()) && !p.userId().equals(e.getProposerId()))
                .collect(Collectors.toSet()));
        problem.setValue(e.getProblem());
        hypothesis.setValue(e.getHypothesis() == null ? "" : e.getHypothesis());
        metric.setValue(e.getMetric() == null ? "" : e.getMetric());
        unit.setValue(e.getMetricUnit() == null ? "" : e.getMetricUnit());
        threshold.setNumber(e.getThreshold());
        direction.setValue(e.isHigherIsBetter());
        durationWeeks.setValue(e.getDurationWeeks());
        budget.setNumber(e.getBudget());
        resources.setValue(e.getResources() == null ? "" : e.getResources());
    }

    ProposalData value() {
        Set<String> members = team.getValue().stream().map(Person::userId).collect(Collectors.toCollection(LinkedHashSet::new));
        return new ProposalData(title.getValue(), organization.getValue() == null ? null : organization.getValue().id(),
                sponsor.getValue() == null ? null : sponsor.getValue().userId(), members, problem.getValue(),
                hypothesis.getValue(), metric.getValue(), unit.getValue(), threshold.getNumber(),
                !Boolean.FALSE.equals(direction.getValue()),
                durationWeeks.getValue() == null ? 0 : durationWeeks.getValue(),
                budget.getNumber() == null ? 0 : budget.getNumber(), resources.getValue());
    }
}
