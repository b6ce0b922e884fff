package org.cohorte.incubator.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.cohorte.base.ui.DecimalField;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.incubator.domain.CheckIn;
import org.cohorte.incubator.domain.Decision;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.Iteration;
import org.cohorte.incubator.service.ExperimentHistory;
import org.cohorte.incubator.service.IncubatorService;

/** One experiment with its full history: iterations (test and learning cards), check-ins, decisions, blockers. */
@Route("incubator/experiment")
@PermitAll
public class ExperimentDetailView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final IncubatorService incubatorService;
    private final OrganizationService organizationService;
    private final MemberService memberService;
    private final CommunityService communityService;
    private String title = "";

    public ExperimentDetailView(IncubatorService incubatorService, OrganizationService organizationService,
                                MemberService memberService, CommunityService communityService) {
        this.incubatorService = incubatorService;
        this.organizationService = organizationService;
        this.memberService = memberService;
        this.communityService = communityService;
        addClassName("incubator-detail");
        setMaxWidth("1000px");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        removeAll();
        ExperimentHistory history;
        try {
            history = incubatorService.history(UUID.fromString(parameter));
        } catch (NotFoundException | IllegalArgumentException e) {
            title = getTranslation("incubator.detail.notFound");
            add(new H2(title), new RouterLink(getTranslation("incubator.detail.back"), ExperimentBoardView.class));
            return;
        }
        show(history);
    }

    private void show(ExperimentHistory history) {
        Experiment e = history.experiment();
        title = e.getTitle();
        List<String> ids = new ArrayList<>(e.getTeam());
        ids.add(e.getSponsorId());
        history.decisions().forEach(d -> ids.add(d.getDecidedBy()));
        history.checkIns().forEach(c -> ids.add(c.getAuthor()));
        Map<String, String> names = memberService.displayNames(ids.stream().distinct().toList());
        String organization = organizationService.refs().stream().filter(o -> o.id().equals(e.getOrganizationId()))
                .map(OrganizationRef::label).findFirst().orElse("");

        Span badge = new Span(getTranslation("incubator.stage." + e.getStage().name()));
        badge.getElement().getThemeList().add("badge " + ExperimentBoardView.badgeTheme(e.getStage()));
        badge.setId("incubator-stage");
        H2 heading = new H2(e.getTitle());
        heading.setId("incubator-title");
        add(new RouterLink(getTranslation("incubator.detail.back"), ExperimentBoardView.class), heading, badge);
        // Opened from a card low on the board (on a phone), the page would keep the board's scroll position.
        heading.scrollIntoView();

        Div facts = new Div();
        facts.addClassName("incubator-facts");
        fact(facts, "incubator.field.organization", organization);
        fact(facts, "incubator.field.sponsor", names.get(e.getSponsorId()));
        fact(facts, "incubator.field.team", String.join(", ", e.getTeam().stream().map(names::get).toList()));
        fact(facts, "incubator.field.problem", e.getProblem());
        fact(facts, "incubator.field.hypothesis", e.getHypothesis());
        fact(facts, "incubator.field.metric", e.getMetric());
        fact(facts, "incubator.field.criterion", getTranslation("incubator.detail.criterionValue",
                e.isHigherIsBetter() ? "≥" : "≤", ExperimentBoardView.format(e.getThreshold()),
                e.getMetricUnit() == null ? "" : e.getMetricUnit()));
        fact(facts, "incubator.field.durationWeeks", String.valueOf(e.getDurationWeeks()));
        fact(facts, "incubator.field.budget", ExperimentBoardView.format(e.getBudget()));
        fact(facts, "incubator.field.resources", e.getResources());
        if (e.getRunStartedAt() != null) {
            fact(facts, "incubator.stage.RUNNING", getTranslation("incubator.detail.run",
                    Formats.date(e.getRunStartedAt(), getLocale()), Formats.date(e.getRunEndsAt(), getLocale())));
        }
        add(facts);
        runActions(e).ifPresent(this::add);

        add(section("incubator.detail.iterations", "incubator-iterations",
                history.iterations().stream().map(this::iteration).toList()));
        add(section("incubator.detail.checkIns", "incubator-check-ins",
                history.checkIns().stream().map(c -> checkIn(c, names)).toList()));
        add(section("incubator.detail.decisions", "incubator-decisions",
                history.decisions().stream().map(d -> decision(d, names)).toList()));
        add(section("incubator.detail.blockers", "incubator-blockers", history.blockers().stream()
                .map(b -> (Component) new Paragraph(b.title() + " — " + b.description())).toList()));
        if (history.canPublish()) {
            add(publishForm(e));
        }
    }

    /** During the run: the team records a check-in whenever it has news; the team or the committee closes early. */
    private java.util.Optional<Component> runActions(Experiment e) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setWrap(true);
        if (incubatorService.mayCheckIn(e.getId())) {
            Button checkIn = new Button(getTranslation("incubator.detail.recordCheckIn"), ev -> checkInDialog(e));
            checkIn.setId("incubator-record-check-in");
            checkIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(checkIn);
        }
        if (incubatorService.mayCloseRunEarly(e.getId())) {
            Button close = new Button(getTranslation("incubator.detail.closeEarly"), ev -> closeDialog(e));
            close.setId("incubator-close-early");
            actions.add(close);
        }
        return actions.getComponentCount() == 0 ? java.util.Optional.empty() : java.util.Optional.of(actions);
    }

    private void checkInDialog(Experiment e) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("incubator.detail.recordCheckIn"));
        TextArea observations = IncubatorTaskForms.area("incubator.checkIn.observations", "incubator-observations");
        DecimalField value = new DecimalField();
        value.setLabel(getTranslation("incubator.checkIn.metricValue"));
        value.setId("incubator-metric-value");
        value.setSuffixComponent(new Span(e.getMetricUnit() == null ? "" : e.getMetricUnit()));
        TextField blockerTitle = new TextField(getTranslation("incubator.checkIn.blockerTitle"));
        blockerTitle.setId("incubator-blocker-title");
        blockerTitle.setMaxLength(300);
        blockerTitle.setWidthFull();
        TextArea blockerDescription = IncubatorTaskForms.area("incubator.checkIn.blockerDescription",
                "incubator-blocker-description");
        Button save = new Button(getTranslation("incubator.checkIn.submit"), ev -> {
            if (Notifier.attempt(() -> incubatorService.recordCheckIn(e.getId(), observations.getValue(),
                    value.getNumber(), blockerTitle.getValue(), blockerDescription.getValue()))) {
                dialog.close();
                Notifier.success("incubator.detail.checkInRecorded");
                reload(e);
            }
        });
        save.setId("incubator-check-in-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout body = new VerticalLayout(observations, value, blockerTitle, blockerDescription);
        body.setPadding(false);
        dialog.add(body);
        dialog.getFooter().add(new Button(getTranslation("incubator.detail.cancel"), ev -> dialog.close()), save);
        add(dialog);
        dialog.open();
    }

    private void closeDialog(Experiment e) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("incubator.detail.closeEarly"));
        Paragraph help = new Paragraph(getTranslation("incubator.detail.closeEarlyHelp"));
        TextArea reason = IncubatorTaskForms.area("incubator.detail.closeReason", "incubator-close-reason");
        Button confirm = new Button(getTranslation("incubator.detail.closeEarlyConfirm"), ev -> {
            if (Notifier.attempt(() -> incubatorService.closeRunEarly(e.getId(), reason.getValue()))) {
                dialog.close();
                Notifier.success("incubator.detail.closedEarly");
                reload(e);
            }
        });
        confirm.setId("incubator-close-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        VerticalLayout body = new VerticalLayout(help, reason);
        body.setPadding(false);
        dialog.add(body);
        dialog.getFooter().add(new Button(getTranslation("incubator.detail.cancel"), ev -> dialog.close()), confirm);
        add(dialog);
        dialog.open();
    }

    /** Shows the experiment again as it now is (stage, check-ins, buttons). */
    private void reload(Experiment e) {
        removeAll();
        show(incubatorService.history(e.getId()));
    }

    private Component publishForm(Experiment e) {
        List<CommunityService.CommunityRef> communities = communityService.myCommunityRefs();
        ComboBox<CommunityService.CommunityRef> community = new ComboBox<>(getTranslation("incubator.learning.community"));
        community.setId("incubator-publish-community");
        community.setItems(communities);
        community.setItemLabelGenerator(CommunityService.CommunityRef::name);
        if (communities.size() == 1) {
            community.setValue(communities.get(0));
        }
        Button publish = new Button(getTranslation("incubator.learning.publish"), ev -> {
            if (Notifier.attempt(() -> incubatorService.publishLearning(e.getId(),
                    community.getValue() == null ? null : community.getValue().id(), null, null))) {
                Notifier.success("incubator.learning.published");
                getUI().ifPresent(ui -> ui.getPage().reload());
            }
        });
        publish.setId("incubator-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout row = new HorizontalLayout(community, publish);
        row.setAlignItems(Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private static void fact(Div facts, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Div row = new Div();
        row.addClassName("incubator-fact");
        Span label = new Span(facts.getTranslation(key));
        label.addClassName("incubator-fact-label");
        row.add(label, new Span(value));
        facts.add(row);
    }

    private Component section(String key, String id, List<Component> items) {
        Div section = new Div();
        section.setId(id);
        section.addClassName("incubator-section");
        section.add(new H3(getTranslation(key)));
        if (items.isEmpty()) {
            section.add(new Paragraph(getTranslation("incubator.detail.none")));
        }
        items.forEach(section::add);
        return section;
    }

    private Component iteration(Iteration i) {
        Div card = new Div();
        card.addClassName("incubator-iteration");
        card.add(new H4(getTranslation("incubator.detail.iteration", i.getNumber())));
        line(card, "incubator.testCard.weBelieve", i.getWeBelieve());
        line(card, "incubator.testCard.weWill", i.getWeWill());
        line(card, "incubator.testCard.weMeasure", i.getWeMeasure());
        line(card, "incubator.testCard.weAreRightIf", i.getWeAreRightIf());
        if (i.getLearningAt() != null) {
            line(card, "incubator.learning.observed", ExperimentBoardView.format(i.getObservedValue()));
            line(card, "incubator.learning.insights", i.getInsights());
            line(card, "incubator.learning.actions", i.getActions());
        }
        if (i.getClosedEarlyAt() != null) {
            line(card, "incubator.detail.closedEarlyLine", getTranslation("incubator.detail.closedEarlyValue",
                    Formats.date(i.getClosedEarlyAt(), getLocale()),
                    memberService.displayNames(List.of(i.getClosedEarlyBy())).getOrDefault(i.getClosedEarlyBy(),
                            i.getClosedEarlyBy()), i.getClosedEarlyReason()));
        }
        if (i.getSuggestion() != null) {
            line(card, "incubator.decision.suggestion", getTranslation("incubator.decision." + i.getSuggestion()));
        }
        if (i.getKnowledgeArticleId() != null) {
            Span published = new Span(getTranslation("incubator.learning.publishedArticle"));
            published.getElement().getThemeList().add("badge success");
            card.add(published);
        }
        return card;
    }

    private Component checkIn(CheckIn c, Map<String, String> names) {
        Div row = new Div();
        row.addClassName("incubator-check-in");
        String value = c.getMetricValue() == null ? "" : " · " + ExperimentBoardView.format(c.getMetricValue());
        Span head = new Span(getTranslation("incubator.detail.iteration", c.getIterationNumber()) + " · "
                + getTranslation("incubator.checkIn.week") + " " + c.getWeek() + value + " · "
                + Formats.date(c.getRecordedAt(), getLocale()) + " · " + names.getOrDefault(c.getAuthor(), c.getAuthor()));
        head.addClassName("incubator-fact-label");
        row.add(head, new Paragraph(c.getObservations()));
        return row;
    }

    private Component decision(Decision d, Map<String, String> names) {
        Div row = new Div();
        row.addClassName("incubator-decision");
        String text = getTranslation("incubator.decision." + d.getKind().name()) + " · "
                + Formats.dateTime(d.getDecidedAt(), getLocale()) + " · " + names.getOrDefault(d.getDecidedBy(), d.getDecidedBy());
        if (d.getSuggestion() != null) {
            text += " · " + getTranslation("incubator.decision.suggested", getTranslation("incubator.decision." + d.getSuggestion()));
        }
        Span head = new Span(text);
        head.addClassName("incubator-fact-label");
        row.add(head);
        if (d.getComment() != null) {
            row.add(new Paragraph(d.getComment()));
        }
        return row;
    }

    private void line(Div card, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Paragraph p = new Paragraph();
        Span label = new Span(getTranslation(key) + " ");
        label.addClassName("incubator-fact-label");
        p.add(label, new Span(value));
        card.add(p);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
