package org.cohorte.codevelopment.ui;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import org.cohorte.base.ui.DatePickers;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.service.GroupDetails;
import org.cohorte.codevelopment.service.GroupWorkbookExporter;
import org.cohorte.codevelopment.service.LaunchRequest;
import org.cohorte.codevelopment.service.MemberStanding;
import org.cohorte.identity.api.InvitePersonDialog;
import org.cohorte.identity.api.PeoplePicker;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.codevelopment.service.SessionSummary;
import org.cohorte.codevelopment.service.SessionSteps;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.Roles;

/**
 * A group: its charter (a member accepts it before seeing anything of its cases), its members and their
 * client history, its sessions; the facilitator launches the next session here.
 */
@Route("codevelopment/group")
@RolesAllowed({Roles.FACILITATOR, Roles.PARTICIPANT})
public class CodevGroupView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final CodevGroupService groupService;
    private final CodevSessionService sessionService;
    private final GroupWorkbookExporter exporter;
    private final CurrentUser currentUser;
    private final OrganizationService organizationService;
    private String title = "";
    private UUID groupId;

    public CodevGroupView(CodevGroupService groupService, CodevSessionService sessionService, GroupWorkbookExporter exporter,
                          CurrentUser currentUser, OrganizationService organizationService) {
        this.organizationService = organizationService;
        this.groupService = groupService;
        this.sessionService = sessionService;
        this.exporter = exporter;
        this.currentUser = currentUser;
        addClassName("codev-group");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        try {
            groupId = UUID.fromString(parameter);
        } catch (IllegalArgumentException e) {
            groupId = null;
        }
        show();
    }

    private void show() {
        removeAll();
        GroupDetails group;
        try {
            if (groupId == null) {
                throw new CohorteException("codevelopment.error.notFound");
            }
            group = groupService.get(groupId);
        } catch (CohorteException e) {
            title = getTranslation("codevelopment.notFound.title");
            add(new H2(title), new Paragraph(getTranslation(e.getMessageKey(), e.getArgs())));
            return;
        }
        title = group.name();
        H2 heading = new H2(group.name());
        heading.setId("codev-group-title");
        add(heading);
        Span facilitator = new Span(getTranslation("codevelopment.group.facilitatedBy", group.facilitatorName()));
        add(facilitator);
        if (group.noHierarchy()) {
            Span rule = new Span(getTranslation("codevelopment.group.noHierarchyRule"));
            rule.getElement().getThemeList().add("badge contrast");
            add(rule);
        }
        if (!group.canReadCases()) {
            add(charterGate(group));
            return;
        }
        Details charter = new Details(getTranslation("codevelopment.groups.charter"), new Paragraph(group.charter()));
        add(charter);
        add(new H3(getTranslation("codevelopment.group.members")), members(group));
        if (group.facilitatedByMe()) {
            add(addMemberBar(group), launchForm(group));
        }
        add(new H3(getTranslation("codevelopment.group.history")), history());
        add(retention(group));
        add(exportLink(group));
        if (group.memberMe()) {
            Button leave = new Button(getTranslation("codevelopment.group.leave"), e -> {
                if (Notifier.attempt(() -> groupService.removeMember(groupId, currentUser.userId()))) {
                    getUI().ifPresent(ui -> ui.navigate(CodevGroupsView.class));
                }
            });
            leave.setId("codev-leave");
            leave.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            add(leave);
        }
    }

    private Component charterGate(GroupDetails group) {
        Div gate = new Div();
        gate.setId("codev-charter-gate");
        gate.addClassName("codev-charter-gate");
        gate.add(new H3(getTranslation("codevelopment.group.charterGate")), new Paragraph(group.charter()));
        if (group.noHierarchy()) {
            gate.add(new Paragraph(getTranslation("codevelopment.group.noHierarchyDeclaration")));
        }
        Button accept = new Button(getTranslation("codevelopment.group.acceptCharter"), e -> {
            if (Notifier.attempt(() -> groupService.acceptCharter(groupId))) {
                Notifier.success("codevelopment.group.charterAccepted");
                show();
            }
        });
        accept.setId("codev-accept-charter");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        gate.add(accept);
        return gate;
    }

    private Grid<MemberStanding> members(GroupDetails group) {
        Grid<MemberStanding> grid = new Grid<>();
        grid.setId("codev-members-grid");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 2, 4);
        grid.addColumn(MemberStanding::name).setHeader(getTranslation("codevelopment.group.member")).setKey("name").setFlexGrow(2);
        grid.addColumn(m -> getTranslation(m.charterAccepted() ? "codevelopment.yes" : "codevelopment.no"))
                .setHeader(getTranslation("codevelopment.group.charterAcceptedColumn")).setKey("charter");
        grid.addColumn(MemberStanding::timesClient).setHeader(getTranslation("codevelopment.group.timesClient")).setKey("times");
        grid.addColumn(m -> m.lastClientAt() == null ? "—" : Formats.dateTime(m.lastClientAt(), getLocale()))
                .setHeader(getTranslation("codevelopment.group.lastClient")).setKey("last");
        if (group.facilitatedByMe()) {
            grid.addComponentColumn(m -> {
                Button remove = new Button(getTranslation("codevelopment.group.remove"), e -> {
                    if (Notifier.attempt(() -> groupService.removeMember(groupId, m.userId()))) {
                        Notifier.success("codevelopment.group.removed");
                        show();
                    }
                });
                remove.setId("codev-remove-" + m.userId());
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
                return remove;
            }).setKey("remove");
        }
        grid.setItems(group.members());
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** The facilitator adds a member of the community (who then accepts the charter). */
    private Component addMemberBar(GroupDetails group) {
        // Participants of the community, searched on the server, less the members and the facilitator.
        PeoplePicker who = new PeoplePicker(getTranslation("codevelopment.group.addMember"),
                (filter, offset, limit) -> groupService.searchNewMembers(groupId, filter, offset, limit));
        who.setId("codev-add-member");
        Button add = new Button(getTranslation("codevelopment.group.add"), e -> {
            if (who.userId().isPresent() && Notifier.attempt(() -> groupService.addMember(groupId, who.userId().get()))) {
                Notifier.success("codevelopment.group.added");
                show();
            }
        });
        add.setId("codev-add-member-button");
        // Someone with no account yet: an invitation an administrator approves; they then join the group.
        Button invite = new Button(getTranslation("identity.invite.title"), e -> new InvitePersonDialog(organizationService,
                (first, last, email, org) -> invited(() -> groupService.invite(groupId, first, last, email, org))).open());
        invite.setId("codev-invite");
        invite.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(who, add, invite);
        bar.setAlignItems(Alignment.BASELINE);
        return bar;
    }

    private Component launchForm(GroupDetails group) {
        RadioButtonGroup<SessionMode> mode = new RadioButtonGroup<>(getTranslation("codevelopment.launch.mode"));
        mode.setId("codev-launch-mode");
        mode.setItems(SessionMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("codevelopment.mode." + m));
        mode.setValue(SessionMode.LIVE);
        DateTimePicker date = DatePickers.createDateTime(getTranslation("codevelopment.launch.date"));
        date.setId("codev-launch-date");
        date.setValue(LocalDateTime.ofInstant(EngineClock.now(), EngineClock.ZONE).plusDays(7).withHour(13).withMinute(30)
                .withSecond(0).withNano(0));
        ComboBox<MemberStanding> client = new ComboBox<>(getTranslation("codevelopment.launch.client"));
        client.setId("codev-launch-client");
        client.setItems(group.members().stream().filter(MemberStanding::charterAccepted).toList());
        client.setItemLabelGenerator(MemberStanding::name);
        group.members().stream().filter(m -> m.userId().equals(group.suggestedClientId())).findFirst().ifPresent(client::setValue);
        Span suggestion = new Span(group.suggestedClientId() == null ? ""
                : getTranslation("codevelopment.launch.suggested", group.members().stream()
                .filter(m -> m.userId().equals(group.suggestedClientId())).map(MemberStanding::name).findFirst().orElse("")));
        suggestion.setId("codev-launch-suggestion");
        TextField reason = new TextField(getTranslation("codevelopment.launch.overrideReason"));
        reason.setId("codev-launch-reason");
        reason.setMaxLength(1000);
        reason.setVisible(false);
        client.addValueChangeListener(e -> reason.setVisible(e.getValue() != null
                && !e.getValue().userId().equals(group.suggestedClientId())));
        List<IntegerField> timeboxes = new ArrayList<>();
        HorizontalLayout boxes = new HorizontalLayout();
        boxes.addClassName("codev-timeboxes");
        boxes.setWrap(true);
        List<SessionSteps.Step> steps = sessionService.steps();
        for (SessionSteps.Step step : steps) {
            int i = step.number();
            IntegerField box = new IntegerField(i + ". " + getTranslation("codevelopment.step." + step.key()));
            box.setId("codev-timebox-" + i);
            box.setMin(1);
            box.setStepButtonsVisible(true);
            box.setWidth("11rem");
            timeboxes.add(box);
            boxes.add(box);
        }
        Span unit = new Span();
        Runnable fill = () -> {
            boolean live = mode.getValue() == SessionMode.LIVE;
            for (int i = 0; i < steps.size(); i++) {
                timeboxes.get(i).setValue(live ? (int) steps.get(i).liveTimebox().toMinutes()
                        : (int) steps.get(i).asyncTimebox().toDays());
            }
            unit.setText(getTranslation(live ? "codevelopment.launch.minutes" : "codevelopment.launch.days"));
        };
        fill.run();
        mode.addValueChangeListener(e -> fill.run());
        IntegerField weeks = new IntegerField(getTranslation("codevelopment.launch.followUpWeeks"));
        weeks.setId("codev-launch-weeks");
        weeks.setValue(4);
        weeks.setMin(1);
        weeks.setMax(26);
        TextField video = new TextField(getTranslation("codevelopment.launch.videoUrl"));
        video.setId("codev-launch-video");
        video.setPlaceholder("https://");
        video.setHelperText(getTranslation("codevelopment.launch.videoUrlHelp"));
        video.setMaxLength(500);
        Button launch = new Button(getTranslation("codevelopment.launch.submit"), e -> {
            boolean live = mode.getValue() == SessionMode.LIVE;
            List<Integer> minutes = timeboxes.stream().map(f -> f.getValue() == null ? null
                    : (live ? f.getValue() : f.getValue() * 24 * 60)).toList();
            if (date.getValue() == null || client.getValue() == null) {
                Notifier.error("codevelopment.error.dateRequired");
                return;
            }
            UUID[] created = new UUID[1];
            if (Notifier.attempt(() -> created[0] = sessionService.launch(groupId, new LaunchRequest(
                    ZonedDateTime.of(date.getValue(), EngineClock.ZONE).toInstant(), mode.getValue(), minutes,
                    client.getValue().userId(), reason.getValue(), weeks.getValue() == null ? 0 : weeks.getValue(),
                    video.getValue())))) {
                Notifier.success("codevelopment.launch.done");
                getUI().ifPresent(ui -> ui.navigate(SessionBoardView.class, created[0].toString()));
            }
        });
        launch.setId("codev-launch-submit");
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(mode, date, client, weeks, video, reason);
        VerticalLayout content = new VerticalLayout(suggestion, form, unit, boxes, launch);
        content.setPadding(false);
        Details details = new Details(getTranslation("codevelopment.launch.title"), content);
        details.setId("codev-launch");
        details.setOpened(true);
        return details;
    }

    private Grid<SessionSummary> history() {
        Grid<SessionSummary> grid = new Grid<>();
        grid.setId("codev-history-grid");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 3);
        grid.addColumn(s -> Formats.dateTime(s.scheduledAt(), getLocale())).setHeader(getTranslation("codevelopment.export.column.date")).setKey("date");
        grid.addColumn(SessionSummary::clientName).setHeader(getTranslation("codevelopment.export.column.client")).setKey("client");
        grid.addColumn(s -> s.caseTitle() == null ? "—" : s.caseTitle()).setHeader(getTranslation("codevelopment.export.column.caseTitle")).setKey("case").setFlexGrow(2);
        grid.addColumn(s -> getTranslation("codevelopment.status." + s.status())).setHeader(getTranslation("codevelopment.export.column.status")).setKey("status");
        grid.addColumn(s -> s.averageRating() == null ? "—" : String.format(getLocale(), "%.1f", s.averageRating()))
                .setHeader(getTranslation("codevelopment.export.column.rating")).setKey("rating");
        grid.addColumn(s -> s.actions() + (s.followedUp() ? " ✓" : "")).setHeader(getTranslation("codevelopment.export.column.actions")).setKey("actions");
        grid.setItems(sessionService.history(groupId));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("codevelopment.group.noSessions"));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(SessionBoardView.class, e.getItem().id().toString())));
        return grid;
    }

    /**
     * How long the group's closed cases are kept (Law 25): every reader sees it; the facilitator changes it (empty:
     * the default). The service checks the bounds and who may.
     */
    private Component retention(GroupDetails group) {
        Span current = new Span(group.caseRetentionDays() == null
                ? getTranslation("codevelopment.group.retentionDefault", group.effectiveRetentionDays())
                : getTranslation("codevelopment.group.retentionOwn", group.effectiveRetentionDays()));
        current.setId("codev-retention");
        VerticalLayout box = new VerticalLayout(new H3(getTranslation("codevelopment.group.retentionTitle")), current);
        box.setPadding(false);
        box.setSpacing(false);
        if (group.facilitatedByMe()) {
            IntegerField days = new IntegerField(getTranslation("codevelopment.group.retentionDays"));
            days.setId("codev-retention-days");
            days.setMin(CodevGroupService.MIN_RETENTION_DAYS);
            days.setMax(CodevGroupService.MAX_RETENTION_DAYS);
            days.setClearButtonVisible(true);
            days.setValue(group.caseRetentionDays());
            days.setHelperText(getTranslation("codevelopment.group.retentionHelp", CodevGroupService.MIN_RETENTION_DAYS,
                    CodevGroupService.MAX_RETENTION_DAYS, group.defaultRetentionDays()));
            Button save = new Button(getTranslation("common.save"), e -> {
                if (Notifier.attempt(() -> groupService.setCaseRetention(groupId, days.getValue()))) {
                    Notifier.success("codevelopment.group.retentionSaved");
                    show();
                }
            });
            save.setId("codev-retention-save");
            HorizontalLayout bar = new HorizontalLayout(days, save);
            bar.setAlignItems(Alignment.BASELINE);
            box.add(bar);
        }
        return box;
    }

    private Anchor exportLink(GroupDetails group) {
        java.util.Locale locale = getLocale();
        StreamResource resource = new StreamResource("codeveloppement.xlsx",
                () -> new ByteArrayInputStream(exporter.export(groupId, locale)));
        Anchor link = new Anchor(resource, getTranslation("codevelopment.group.export"));
        link.getElement().setAttribute("download", true);
        link.setId("codev-export");
        return link;
    }

    /** Sends an invitation: the refusal or the confirmation shown, true when it went. */
    private static boolean invited(Runnable send) {
        if (Notifier.attempt(send)) {
            Notifier.success("identity.invite.sent");
            return true;
        }
        return false;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
