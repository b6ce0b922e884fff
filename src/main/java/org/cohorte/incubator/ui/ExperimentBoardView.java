package org.cohorte.incubator.ui;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.incubator.domain.Experiment;
import org.cohorte.incubator.domain.ExperimentStage;
import org.cohorte.incubator.service.IncubatorPortfolio;
import org.cohorte.incubator.service.IncubatorService;
import org.cohorte.incubator.service.PortfolioWorkbookExporter;

/**
 * The experiment board: every experiment the user may see as a card, in columns by stage, filtered by
 * organization and stage; each card opens the experiment's history. Columns stack on a phone.
 */
@Route("incubator")
@PermitAll
public class ExperimentBoardView extends VerticalLayout implements HasDynamicTitle {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final IncubatorPortfolio portfolio;
    private final Map<UUID, String> organizationLabels;
    private final ComboBox<OrganizationRef> organization = new ComboBox<>();
    private final ComboBox<ExperimentStage> stage = new ComboBox<>();
    private final Div board = new Div();

    public ExperimentBoardView(IncubatorPortfolio portfolio, IncubatorService incubatorService,
                               OrganizationService organizationService, PortfolioWorkbookExporter exporter) {
        this.portfolio = portfolio;
        addClassName("incubator-board-view");
        List<OrganizationRef> organizations = organizationService.refs();
        organizationLabels = organizations.stream().collect(Collectors.toMap(OrganizationRef::id, OrganizationRef::label));

        organization.setId("incubator-filter-organization");
        organization.setPlaceholder(getTranslation("incubator.board.allOrganizations"));
        organization.setAriaLabel(getTranslation("incubator.field.organization"));
        organization.setItems(organizations);
        organization.setItemLabelGenerator(OrganizationRef::label);
        organization.setClearButtonVisible(true);
        organization.addValueChangeListener(e -> refresh());
        stage.setId("incubator-filter-stage");
        stage.setPlaceholder(getTranslation("incubator.board.allStages"));
        stage.setAriaLabel(getTranslation("incubator.field.stage"));
        stage.setItems(ExperimentStage.values());
        stage.setItemLabelGenerator(s -> getTranslation("incubator.stage." + s.name()));
        stage.setClearButtonVisible(true);
        stage.addValueChangeListener(e -> refresh());

        HorizontalLayout toolbar = new HorizontalLayout(organization, stage);
        toolbar.addClassName("incubator-toolbar");
        toolbar.setWrap(true);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (incubatorService.mayPropose()) {
            Button propose = new Button(getTranslation("incubator.board.propose"), VaadinIcon.PLUS.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate(ProposeExperimentView.class)));
            propose.setId("incubator-propose");
            propose.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            toolbar.add(propose);
        }
        Locale locale = getLocale();
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            OrganizationRef chosen = organization.getValue();
            byte[] bytes = exporter.export(chosen == null ? Set.of() : Set.of(chosen.id()), locale);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "portefeuille-incubateur.xlsx", XLSX, bytes.length);
        }), getTranslation("incubator.board.export"));
        export.setId("incubator-export");
        export.getElement().setAttribute("download", true);
        toolbar.add(export);

        board.addClassName("incubator-board");
        board.setId("incubator-board");
        setSizeFull();
        add(new H2(getTranslation("incubator.board.title")), toolbar, board);
        refresh();
    }

    private void refresh() {
        board.removeAll();
        OrganizationRef chosen = organization.getValue();
        List<IncubatorPortfolio.Portfolio.Row> rows = portfolio.portfolio(chosen == null ? Set.of() : Set.of(chosen.id()))
                .experiments().stream()
                .filter(r -> stage.getValue() == null || stage.getValue() == r.experiment().getStage())
                .toList();
        Map<String, List<IncubatorPortfolio.Portfolio.Row>> byColumn = rows.stream()
                .collect(Collectors.groupingBy(r -> r.experiment().getStage().column()));
        for (String column : ExperimentStage.COLUMNS) {
            List<IncubatorPortfolio.Portfolio.Row> cards = byColumn.getOrDefault(column, List.of());
            Div col = new Div();
            col.addClassName("incubator-column");
            col.setId("incubator-column-" + column);
            H3 header = new H3(getTranslation("incubator.column." + column));
            Span count = new Span(String.valueOf(cards.size()));
            count.addClassName("incubator-count");
            header.add(count);
            col.add(header);
            if (cards.isEmpty()) {
                Span empty = new Span(getTranslation("incubator.board.empty"));
                empty.addClassName("incubator-empty");
                col.add(empty);
            }
            cards.forEach(r -> col.add(card(r)));
            board.add(col);
        }
    }

    private Div card(IncubatorPortfolio.Portfolio.Row row) {
        Experiment e = row.experiment();
        Div card = new Div();
        card.addClassName("incubator-card");
        card.setId("incubator-card-" + e.getId());
        Span title = new Span(e.getTitle());
        title.addClassName("incubator-card-title");
        Span org = new Span(organizationLabels.getOrDefault(e.getOrganizationId(), ""));
        org.addClassName("incubator-card-org");
        Span badge = new Span(getTranslation("incubator.stage." + e.getStage().name()));
        badge.getElement().getThemeList().add("badge " + badgeTheme(e.getStage()));
        Div meta = new Div(badge);
        meta.addClassName("incubator-card-meta");
        if (!row.iterations().isEmpty()) {
            meta.add(new Span(getTranslation("incubator.board.iterations", row.iterations().size())));
        }
        Double value = row.lastMetricValue();
        if (value != null) {
            Span metric = new Span(format(value) + " " + (e.getMetricUnit() == null ? "" : e.getMetricUnit())
                    + " / " + (e.isHigherIsBetter() ? "≥ " : "≤ ") + format(e.getThreshold()));
            metric.addClassName("incubator-card-metric");
            meta.add(metric);
        }
        card.add(title, org, meta);
        card.getElement().setAttribute("role", "link");
        card.getElement().setAttribute("tabindex", "0");
        card.addClickListener(ev -> getUI().ifPresent(ui -> ui.navigate(ExperimentDetailView.class, e.getId().toString())));
        return card;
    }

    static String badgeTheme(ExperimentStage stage) {
        return switch (stage) {
            case SCALED -> "success";
            case STOPPED, REJECTED -> "contrast";
            case CHANGES_REQUESTED -> "error";
            default -> "";
        };
    }

    static String format(Double value) {
        return org.cohorte.base.ui.LocaleNumbers.format(value);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("incubator.board.title");
    }
}
