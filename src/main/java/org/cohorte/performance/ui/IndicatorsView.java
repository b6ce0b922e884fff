package org.cohorte.performance.ui;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.cohorte.base.ui.DatePickers;
import org.cohorte.base.ui.DecimalField;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.base.ui.BoundedUploadHandler;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.api.PeoplePicker;
import org.cohorte.identity.service.OrganizationRef;
import org.cohorte.identity.service.Roles;
import org.cohorte.performance.domain.Direction;
import org.cohorte.performance.domain.Frequency;
import org.cohorte.performance.domain.Indicator;
import org.cohorte.performance.domain.IndicatorDefinition;
import org.cohorte.performance.domain.Objective;
import org.cohorte.performance.domain.Period;
import org.cohorte.performance.service.ImportResult;
import org.cohorte.performance.service.IndicatorImportService;
import org.cohorte.performance.service.IndicatorService;
import org.cohorte.performance.service.PerformanceAccess;
import org.cohorte.performance.service.ReviewService;

/**
 * A manager's indicators: objectives and indicators of their organization, the .xlsx template and import,
 * drafts handed over by the incubator, and starting a period's review.
 */
@Route("performance/indicators")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
public class IndicatorsView extends VerticalLayout implements HasDynamicTitle {

    private final IndicatorService indicatorService;
    private final ReviewService reviewService;
    private final IndicatorImportService importService;
    private final PerformanceAccess access;
    private final ComboBox<OrganizationRef> organization = new ComboBox<>();
    private final Grid<Indicator> grid = new Grid<>();
    private final Div importErrors = new Div();
    private final Anchor template = new Anchor();
    private final Upload upload;
    private Map<UUID, String> objectiveTitles = Map.of();
    /** The organization an upload goes to, read by the upload's request thread (outside the UI lock). */
    private volatile UUID uploadOrganization;
    /** The toast of the last file's result: closed when the next file's result comes, which it would contradict. */
    private com.vaadin.flow.component.notification.Notification importNotice;

    /** Up to this many indicators, the grid shows them all without scrolling. */
    static final int WHOLE_LIST = 50;
    /** At most this many errors are listed; the count says how many more there are. */
    static final int SHOWN_ERRORS = 100;

    public IndicatorsView(IndicatorService indicatorService, ReviewService reviewService,
                          IndicatorImportService importService, PerformanceAccess access) {
        this.indicatorService = indicatorService;
        this.reviewService = reviewService;
        this.importService = importService;
        this.access = access;
        addClassName("perf-indicators-view");
        setWidthFull();

        List<OrganizationRef> writable = access.readableOrganizations().stream().filter(o -> access.canWrite(o.id())).toList();
        organization.setId("indicators-organization");
        organization.setLabel(getTranslation("performance.workbook.organization"));
        organization.setItems(writable);
        organization.setItemLabelGenerator(OrganizationRef::label);
        organization.setWidth("22rem");
        organization.addValueChangeListener(e -> refresh());

        Button newObjective = new Button(getTranslation("performance.indicators.newObjective"), VaadinIcon.PLUS.create(),
                e -> objectiveDialog());
        newObjective.setId("new-objective");
        Button newIndicator = new Button(getTranslation("performance.indicators.newIndicator"), VaadinIcon.PLUS.create(),
                e -> indicatorDialog());
        newIndicator.setId("new-indicator");
        newIndicator.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button startReview = new Button(getTranslation("performance.indicators.startReview"), VaadinIcon.PLAY.create(),
                e -> reviewDialog());
        startReview.setId("start-review");

        template.setId("import-template");
        template.setText(getTranslation("performance.indicators.template"));
        template.getElement().setAttribute("download", true);

        UI ui = UI.getCurrent();
        long megabytes = IndicatorImportService.MAX_BYTES / (1024 * 1024);
        // Streams to a bounded temporary file; the import runs on the upload's request thread, the UI stays live.
        upload = new Upload(new BoundedUploadHandler(IndicatorImportService.MAX_BYTES, (metadata, file) -> received(ui, file),
                (metadata, limit) -> ui.access(() -> refused(getTranslation("performance.import.tooLarge", megabytes)))));
        upload.setId("import-upload");
        upload.setMaxFileSize((int) IndicatorImportService.MAX_BYTES);
        upload.setAcceptedFileTypes(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.setDropLabel(new com.vaadin.flow.component.html.Span(getTranslation("performance.indicators.drop")));
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles()
                .setOne(getTranslation("performance.indicators.chooseFile")).setMany(getTranslation("performance.indicators.chooseFile")));
        i18n.setDropFiles(new UploadI18N.DropFiles()
                .setOne(getTranslation("performance.indicators.drop")).setMany(getTranslation("performance.indicators.drop")));
        i18n.setError(new UploadI18N.Error()
                .setFileIsTooBig(getTranslation("performance.import.tooLarge", megabytes))
                .setIncorrectFileType(getTranslation("performance.import.notXlsx"))
                .setTooManyFiles(getTranslation("performance.indicators.oneFile")));
        // What the file's row says when the server refused it (413) or failed; the reason is shown below it.
        i18n.setUploading(new UploadI18N.Uploading().setError(new UploadI18N.Uploading.Error()
                .setForbidden(getTranslation("performance.indicators.uploadRefused"))
                .setUnexpectedServerError(getTranslation("performance.indicators.uploadFailed"))
                .setServerUnavailable(getTranslation("performance.indicators.uploadFailed"))));
        upload.setI18n(i18n);
        upload.setMaxFiles(1);
        // The browser says why it refused a file (too big, not .xlsx, more than one): that reason, not another.
        upload.addFileRejectedListener(e -> refused(e.getErrorMessage()));
        // Each upload starts afresh: no tick or cross of an earlier file stays, and one file slot is free again (else
        // the browser refuses the next file as one too many). "All finished" comes from the browser's upload-start,
        // then upload-success or upload-error once no file is still uploading (also with an UploadHandler).
        upload.addAllFinishedListener(e -> upload.clearFileList());
        importErrors.setId("import-errors");
        importErrors.addClassName("perf-import-errors");

        FlexLayout toolbar = new FlexLayout(organization, newObjective, newIndicator, startReview, template);
        toolbar.addClassName("perf-toolbar");
        toolbar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        toolbar.setAlignItems(FlexComponent.Alignment.END);

        grid.setId("indicators-grid");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 1, 5);
        grid.addColumn(i -> objectiveTitles.getOrDefault(i.getObjectiveId(), "")).setHeader(getTranslation("performance.workbook.objective"))
                .setFlexGrow(2).setTooltipGenerator(i -> objectiveTitles.getOrDefault(i.getObjectiveId(), ""));
        grid.addColumn(Indicator::getName).setHeader(getTranslation("performance.indicator")).setFlexGrow(4)
                .setTooltipGenerator(Indicator::getName);
        grid.addColumn(i -> ReviewTaskForms.number(i.getBaselineValue(), UI.getCurrent().getLocale()) + " → "
                + ReviewTaskForms.number(i.getTargetValue(), UI.getCurrent().getLocale()) + " " + i.getUnit())
                .setHeader(getTranslation("performance.indicators.path")).setAutoWidth(true);
        grid.addColumn(i -> i.getTargetDate().toString()).setHeader(getTranslation("performance.workbook.targetDate")).setAutoWidth(true);
        grid.addColumn(i -> getTranslation("performance.frequency." + i.getFrequency().name()))
                .setHeader(getTranslation("performance.indicators.frequency")).setAutoWidth(true);
        grid.addComponentColumn(i -> {
            if (!i.isDraft()) {
                return new com.vaadin.flow.component.html.Span();
            }
            Button activate = new Button(getTranslation("performance.indicators.activate"), e -> {
                if (Notifier.attempt(() -> indicatorService.activate(i.getId()))) {
                    refresh();
                }
            });
            activate.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return activate;
        }).setHeader(getTranslation("performance.indicators.draft")).setAutoWidth(true);
        grid.addItemDoubleClickListener(e -> new IndicatorDetailsDialog(indicatorService, e.getItem().getId()).open());

        add(toolbar, grid, new H3(getTranslation("performance.indicators.import")),
                new Paragraph(getTranslation("performance.indicators.importHelp")), upload, importErrors);
        if (!writable.isEmpty()) {
            organization.setValue(writable.get(0));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("performance.indicators.title");
    }

    private UUID organizationId() {
        return organization.getValue() == null ? null : organization.getValue().id();
    }

    void refresh() {
        UUID id = organizationId();
        uploadOrganization = id;
        if (id == null) {
            grid.setItems(List.of());
            return;
        }
        objectiveTitles = indicatorService.objectives(id).stream().collect(Collectors.toMap(Objective::getId, Objective::getTitle));
        List<Indicator> items = indicatorService.indicators(id);
        grid.setItems(items);
        // A short list shows whole; a long one (a thousand imported at once) scrolls in the grid, which fetches it
        // page by page: all rows visible would ask for more pages at once than Vaadin allows, and fail.
        boolean whole = items.size() <= WHOLE_LIST;
        grid.setAllRowsVisible(whole);
        grid.setHeight(whole ? null : "40rem");
        java.util.Locale locale = UI.getCurrent().getLocale();
        template.setHref(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                new ByteArrayInputStream(importService.template(id, locale)), "modele-indicateurs.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", -1)));
    }

    /**
     * Imports an uploaded file, on the upload's request thread (the user's security context, no UI lock: a large
     * file takes seconds and the screen stays live), then shows what happened.
     */
    private void received(UI ui, Path file) {
        UUID id = uploadOrganization;
        if (id == null) {
            return;
        }
        try {
            ImportResult result = importService.importWorkbook(id, file);
            ui.access(() -> showResult(result));
        } catch (CohorteException e) {
            ui.access(() -> refused(getTranslation(e.getMessageKey(), e.getArgs())));
        }
    }

    /** Says why a file was refused, in place of what the previous file said. */
    private void refused(String message) {
        clearPreviousResult();
        importErrors.add(new Paragraph(message));
        importNotice = Notifier.errorText(message);
    }

    /** What an earlier file said (the text below the upload and its toast) goes: it is not about this file. */
    private void clearPreviousResult() {
        importErrors.removeAll();
        if (importNotice != null) {
            importNotice.close();
            importNotice = null;
        }
    }

    /** Every error by sheet, row and column (the first ones, and how many more), or what was imported. */
    private void showResult(ImportResult result) {
        clearPreviousResult();
        if (!result.accepted()) {
            importErrors.add(new Paragraph(getTranslation("performance.import.rejected", result.errors().size())));
            UnorderedList list = new UnorderedList();
            result.errors().stream().limit(SHOWN_ERRORS)
                    .forEach(error -> list.add(new ListItem(importService.describe(error, UI.getCurrent().getLocale()))));
            importErrors.add(list);
            if (result.errors().size() > SHOWN_ERRORS) {
                importErrors.add(new Paragraph(getTranslation("performance.import.moreErrors", result.errors().size() - SHOWN_ERRORS)));
            }
            return;
        }
        importNotice = Notifier.success("performance.import.done", result.objectivesCreated(), result.indicatorsCreated(),
                result.indicatorsUpdated(), result.measurementsImported());
        importErrors.add(new Paragraph(getTranslation("performance.import.done", result.objectivesCreated(),
                result.indicatorsCreated(), result.indicatorsUpdated(), result.measurementsImported())));
        refresh();
    }

    private void objectiveDialog() {
        UUID id = organizationId();
        if (id == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("performance.indicators.newObjective"));
        TextField title = new TextField(getTranslation("performance.workbook.objective"));
        title.setId("objective-title");
        title.setMaxLength(300);
        title.setWidthFull();
        Button save = new Button(getTranslation("common.save"), e -> {
            if (Notifier.attempt(() -> indicatorService.createObjective(id, title.getValue(), null))) {
                dialog.close();
                refresh();
            }
        });
        save.setId("save-objective");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(title);
        dialog.getFooter().add(save);
        dialog.open();
    }

    private void indicatorDialog() {
        UUID id = organizationId();
        if (id == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("performance.indicators.newIndicator"));
        ComboBox<Objective> objective = new ComboBox<>(getTranslation("performance.workbook.objective"));
        objective.setId("indicator-objective");
        objective.setItems(indicatorService.objectives(id));
        objective.setItemLabelGenerator(Objective::getTitle);
        TextField name = new TextField(getTranslation("performance.indicator"));
        name.setId("indicator-name");
        name.setMaxLength(300);
        TextField unit = new TextField(getTranslation("performance.workbook.unit"));
        unit.setId("indicator-unit");
        unit.setMaxLength(40);
        DecimalField baseline = new DecimalField(getTranslation("performance.workbook.baseline"));
        baseline.setId("indicator-baseline");
        DatePicker baselineDate = DatePickers.create(getTranslation("performance.import.column.baselineDate"));
        baselineDate.setId("indicator-baseline-date");
        baselineDate.setValue(EngineClock.today().withDayOfMonth(1));
        DecimalField target = new DecimalField(getTranslation("performance.workbook.target"));
        target.setId("indicator-target");
        DatePicker targetDate = DatePickers.create(getTranslation("performance.workbook.targetDate"));
        targetDate.setId("indicator-target-date");
        targetDate.setValue(EngineClock.today().plusYears(1));
        ComboBox<Direction> direction = new ComboBox<>(getTranslation("performance.workbook.direction"));
        direction.setId("indicator-direction");
        direction.setItems(Direction.values());
        direction.setItemLabelGenerator(d -> getTranslation("performance.workbook.direction." + d.name()));
        direction.setValue(Direction.HIGHER);
        ComboBox<Frequency> frequency = new ComboBox<>(getTranslation("performance.indicators.frequency"));
        frequency.setId("indicator-frequency");
        frequency.setItems(Frequency.values());
        frequency.setItemLabelGenerator(f -> getTranslation("performance.frequency." + f.name()));
        frequency.setValue(Frequency.QUARTERLY);
        // The organization's people, searched on the server by name or e-mail, never typed as ids.
        UUID organization = organizationId();
        PeoplePicker owner = new PeoplePicker(getTranslation("performance.import.column.owner"),
                (filter, offset, limit) -> indicatorService.searchOwners(organization, filter, offset, limit));
        owner.setId("indicator-owner");
        PeoplePicker validator = new PeoplePicker(getTranslation("performance.import.column.validator"),
                (filter, offset, limit) -> indicatorService.searchOwners(organization, filter, offset, limit));
        validator.setId("indicator-validator");
        FormLayout form = new FormLayout(objective, name, unit, direction, baseline, baselineDate, target, targetDate,
                frequency, owner, validator);
        Button save = new Button(getTranslation("common.save"), e -> {
            if (objective.getValue() == null || baseline.getValue().isBlank() || target.getValue().isBlank()) {
                Notifier.error("performance.error.required");
                return;
            }
            if (Notifier.attempt(() -> indicatorService.defineIndicator(objective.getValue().getId(), new IndicatorDefinition(
                    name.getValue(), unit.getValue(), baseline.getNumber(), baselineDate.getValue(), target.getNumber(),
                    targetDate.getValue(), direction.getValue(), frequency.getValue(), owner.userId().orElse(null), validator.userId().orElse(null))))) {
                dialog.close();
                refresh();
            }
        });
        save.setId("save-indicator");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(form);
        dialog.getFooter().add(save);
        dialog.open();
    }

    private void reviewDialog() {
        UUID id = organizationId();
        if (id == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("performance.indicators.startReview"));
        TextField period = new TextField(getTranslation("performance.import.column.period"));
        period.setId("review-period");
        period.setValue(Period.lastEndedBefore(EngineClock.today().plusDays(1)).label());
        Button start = new Button(getTranslation("performance.indicators.start"), e -> {
            if (Notifier.attempt(() -> reviewService.startReview(id, period.getValue()))) {
                Notifier.success("performance.indicators.reviewStarted", period.getValue());
                dialog.close();
            }
        });
        start.setId("confirm-start-review");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(period);
        dialog.getFooter().add(start);
        dialog.open();
    }
}
