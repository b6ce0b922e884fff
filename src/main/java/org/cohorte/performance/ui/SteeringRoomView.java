package org.cohorte.performance.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.IndicatorStatus;
import org.cohorte.performance.domain.Period;
import org.cohorte.performance.service.ForumExportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.SteeringRoomService;
import org.cohorte.performance.service.SteeringRoomService.BlockerLine;
import org.cohorte.performance.service.SteeringRoomService.IndicatorTrend;
import org.cohorte.performance.service.SteeringRoomService.ObjectivePanel;
import org.cohorte.performance.service.SteeringRoomService.OrganizationPanel;
import org.cohorte.performance.service.SteeringRoomService.Overview;

/**
 * La salle de pilotage: for each organization and objective, status counts and each indicator's trend;
 * open blockers by age; experiments by stage; the forum workbook, exported in the background.
 */
@Route("steering-room")
@RolesAllowed({Roles.FORUM, Roles.MANAGER, Roles.ADVISORY, Roles.ADMIN})
public class SteeringRoomView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final SteeringRoomService steeringRoom;
    private final IndicatorService indicatorService;
    private final ForumExportService exportService;
    private final ComboBox<String> period = new ComboBox<>();
    private final MultiSelectComboBox<OrganizationRef> organizations = new MultiSelectComboBox<>();
    private final Div content = new Div();
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final Anchor download = new Anchor();
    private final Button export = new Button();
    private UUID exportJob;

    public SteeringRoomView(SteeringRoomService steeringRoom, IndicatorService indicatorService,
                            ForumExportService exportService) {
        this.steeringRoom = steeringRoom;
        this.indicatorService = indicatorService;
        this.exportService = exportService;
        addClassName("steering-room");
        setWidthFull();

        List<String> periods = new ArrayList<>();
        Period p = Period.lastEndedBefore(EngineClock.today().plusDays(1)).next();
        for (int i = 0; i < 9; i++) {
            periods.add(p.label());
            p = p.previous();
        }
        period.setId("steering-period");
        period.setLabel(getTranslation("performance.period"));
        period.setItems(periods);
        period.setValue(periods.get(1));
        period.setWidth("10rem");
        organizations.setId("steering-organizations");
        organizations.setLabel(getTranslation("performance.steering.organizations"));
        organizations.setItems(steeringRoom.organizations());
        organizations.setItemLabelGenerator(OrganizationRef::label);
        organizations.setPlaceholder(getTranslation("performance.steering.allOrganizations"));
        organizations.setWidth("22rem");
        period.addValueChangeListener(e -> refresh());
        organizations.addValueChangeListener(e -> refresh());

        export.setText(getTranslation("performance.export.button"));
        export.setIcon(VaadinIcon.DOWNLOAD.create());
        export.setId("export-workbook");
        export.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        export.addClickListener(e -> startExport());
        progress.setId("export-progress");
        progress.setWidth("12rem");
        progress.setVisible(false);
        progressText.setId("export-progress-text");
        download.setId("export-download");
        download.setText(getTranslation("performance.export.download"));
        download.setVisible(false);
        download.getElement().setAttribute("download", true);

        FlexLayout toolbar = new FlexLayout(period, organizations, export, progress, progressText, download);
        toolbar.addClassName("perf-toolbar");
        toolbar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        toolbar.setAlignItems(FlexComponent.Alignment.END);
        content.setWidthFull();
        add(toolbar, content);
        refresh();
    }

    /** A shareable view: {@code ?period=2026-Q3&org=<id>&org=<id>}. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        String wanted = parameters.getOrDefault("period", List.of()).stream().findFirst().orElse(null);
        if (wanted != null && Period.parse(wanted) != null) {
            if (!period.getListDataView().contains(Period.parse(wanted).label())) {
                period.getListDataView().addItem(Period.parse(wanted).label());
            }
            period.setValue(Period.parse(wanted).label());
        }
        List<String> orgs = parameters.getOrDefault("org", List.of());
        if (!orgs.isEmpty()) {
            organizations.setValue(organizations.getListDataView().getItems()
                    .filter(o -> orgs.contains(o.id().toString())).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("performance.steering.title");
    }

    private List<UUID> selectedOrganizations() {
        return organizations.getSelectedItems().stream().map(OrganizationRef::id).toList();
    }

    public void refresh() {
        content.removeAll();
        Period chosen = Period.parse(period.getValue());
        if (chosen == null) {
            return;
        }
        Overview overview;
        try {
            overview = steeringRoom.overview(chosen, selectedOrganizations());
        } catch (CohorteException e) {
            Notifier.error(e);
            return;
        }
        if (overview.organizations().isEmpty()) {
            content.add(new Paragraph(getTranslation("performance.steering.empty")));
        }
        for (OrganizationPanel organization : overview.organizations()) {
            content.add(organizationPanel(organization));
        }
        content.add(blockers(overview.openBlockers()));
        content.add(experiments(overview));
    }

    private Div organizationPanel(OrganizationPanel panel) {
        Div card = new Div();
        card.addClassName("perf-org");
        H3 title = new H3(panel.name());
        card.add(title, counts(panel.counts(), panel.notRated()));
        if (panel.objectives().isEmpty()) {
            card.add(new Paragraph(getTranslation("performance.steering.noIndicators")));
        }
        for (ObjectivePanel objective : panel.objectives()) {
            Div block = new Div();
            block.addClassName("perf-objective");
            block.add(new H4(objective.title()), counts(objective.counts(), objective.notRated()));
            for (IndicatorTrend trend : objective.indicators()) {
                block.add(indicatorRow(trend));
            }
            card.add(block);
        }
        return card;
    }

    private Div counts(Map<IndicatorStatus, Long> counts, long notRated) {
        Div row = new Div();
        row.addClassName("perf-counts");
        for (IndicatorStatus status : IndicatorStatus.values()) {
            Span count = new Span(getTranslation("performance.workbook.status." + status.name()) + " " + counts.get(status));
            count.addClassNames("perf-status", "perf-status-" + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            row.add(count);
        }
        Span none = new Span(getTranslation("performance.workbook.status.NONE") + " " + notRated);
        none.addClassNames("perf-status", "perf-status-none");
        row.add(none);
        return row;
    }

    private Div indicatorRow(IndicatorTrend trend) {
        Div row = new Div();
        row.addClassName("perf-indicator");
        Button name = new Button(trend.indicator().getName(), e -> new IndicatorDetailsDialog(indicatorService,
                trend.indicator().getId()).open());
        name.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        name.addClassName("perf-indicator-name");
        name.setId("indicator-" + trend.indicator().getId());
        Div text = new Div(name, new Span(" " + trend.indicator().getUnit()));
        text.addClassName("perf-indicator-text");
        row.add(text, new StatusBadge(trend.current()),
                TrendChart.of(trend.indicator(), trend.points(), 220, 56,
                        getTranslation("performance.steering.trendOf", trend.indicator().getName())));
        return row;
    }

    private Div blockers(List<BlockerLine> lines) {
        Div section = new Div();
        section.addClassName("perf-section");
        section.add(new H3(getTranslation("performance.steering.blockers", lines.size())));
        Grid<BlockerLine> grid = new Grid<>();
        grid.setId("steering-blockers");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 3);
        grid.addColumn(l -> l.blocker().title()).setHeader(getTranslation("performance.workbook.blockerTitle")).setFlexGrow(3);
        grid.addColumn(BlockerLine::organization).setHeader(getTranslation("performance.workbook.organization"));
        grid.addColumn(l -> getTranslation("blocker.status." + l.blocker().status().name()))
                .setHeader(getTranslation("performance.workbook.status"));
        grid.addColumn(BlockerLine::ageDays).setHeader(getTranslation("performance.workbook.blockerAge"));
        grid.addColumn(l -> Formats.date(l.slaDueAt(), UI.getCurrent().getLocale()))
                .setHeader(getTranslation("performance.workbook.blockerSla"));
        grid.setPartNameGenerator(l -> l.overdue() ? "perf-overdue" : null);
        grid.setItems(lines);
        grid.setAllRowsVisible(true);
        section.add(grid);
        return section;
    }

    private Div experiments(Overview overview) {
        Div section = new Div();
        section.addClassName("perf-section");
        section.add(new H3(getTranslation("performance.steering.experiments")));
        if (!overview.experimentsAvailable()) {
            section.add(new Paragraph(getTranslation("performance.steering.noPortfolio")));
            return section;
        }
        long max = overview.experimentsByStage().values().stream().mapToLong(Long::longValue).max().orElse(1);
        Div bars = new Div();
        bars.setId("steering-experiments");
        bars.addClassName("perf-bars");
        overview.experimentsByStage().forEach((stage, count) -> {
            Div bar = new Div();
            bar.addClassName("perf-bar");
            Div fill = new Div();
            fill.addClassName("perf-bar-fill");
            fill.getStyle().set("width", (max == 0 ? 0 : Math.round(100.0 * count / max)) + "%");
            bar.add(new Span(getTranslation("incubator.stage." + stage)), fill, new Span(String.valueOf(count)));
            bars.add(bar);
        });
        section.add(bars);
        return section;
    }

    private void startExport() {
        try {
            exportJob = exportService.start(period.getValue(), selectedOrganizations(), UI.getCurrent().getLocale());
        } catch (CohorteException e) {
            Notifier.error(e);
            return;
        }
        export.setEnabled(false);
        download.setVisible(false);
        progress.setVisible(true);
        progress.setValue(0);
        progressText.setText(getTranslation("performance.export.running", 0));
        UI.getCurrent().setPollInterval(500);
        UI.getCurrent().addPollListener(e -> refreshExport());
    }

    /** Follows the background export; shows the download link when it is done. */
    public void refreshExport() {
        if (exportJob == null) {
            return;
        }
        ForumExportService.ExportStatus status = exportService.status(exportJob);
        progress.setValue(status.fraction());
        progressText.setText(getTranslation("performance.export.running", Math.round(status.fraction() * 100)));
        if (status.state() == ForumExportService.State.RUNNING) {
            return;
        }
        UI.getCurrent().setPollInterval(-1);
        export.setEnabled(true);
        progress.setVisible(false);
        if (status.state() == ForumExportService.State.DONE) {
            UUID job = exportJob;
            download.setHref(DownloadHandler.forFile(exportService.file(job), status.fileName()));
            download.setVisible(true);
            progressText.setText(getTranslation("performance.export.done"));
        } else {
            progressText.setText("");
            Notifier.error(status.errorKey() == null ? "performance.export.failed" : status.errorKey());
        }
        exportJob = null;
    }
}
