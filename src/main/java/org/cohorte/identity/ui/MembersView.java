package org.cohorte.identity.ui;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import org.cohorte.base.ui.Formats;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.service.InvitationService;
import org.cohorte.identity.service.InvitationView;
import org.cohorte.identity.service.MemberForm;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.MemberSummary;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.PasswordPolicy;
import org.cohorte.identity.service.PersonalDataService;
import org.cohorte.identity.service.Roles;

/**
 * Admins create member accounts, set their roles and organization, reset passwords, and see and open
 * accounts that failed sign-ins have locked.
 */
@Route("admin/members")
@RolesAllowed(Roles.ADMIN)
public class MembersView extends VerticalLayout implements HasDynamicTitle {

    private final PersonalDataService personalData;

    private final MemberService memberService;
    private final OrganizationService organizationService;
    private final InvitationService invitationService;
    private final Grid<MemberSummary> grid = new Grid<>();
    private final Grid<InvitationView> invitations = new Grid<>();
    private final Details invitationsPanel = new Details();

    public MembersView(MemberService memberService, OrganizationService organizationService,
                       InvitationService invitationService,
                       PersonalDataService personalData) {
        this.personalData = personalData;
        this.memberService = memberService;
        this.organizationService = organizationService;
        this.invitationService = invitationService;
        setSizeFull();
        Button add = new Button(getTranslation("identity.members.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        add.setId("new-member");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("members-grid");
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(grid, 0, 1);
        grid.addColumn(MemberSummary::userId).setHeader(getTranslation("identity.member.userId")).setSortable(true);
        grid.addColumn(MemberSummary::displayName).setHeader(getTranslation("identity.member.name")).setSortable(true)
                .setFlexGrow(2);
        grid.addColumn(MemberSummary::organizationName).setHeader(getTranslation("identity.member.organization"))
                .setFlexGrow(2);
        grid.addColumn(m -> m.groups().stream().map(g -> getTranslation("role." + g)).collect(Collectors.joining(", ")))
                .setHeader(getTranslation("identity.member.roles")).setFlexGrow(2);
        grid.addColumn(m -> m.signInLockedUntil() == null ? ""
                        : getTranslation("identity.member.lockedUntil", Formats.dateTime(m.signInLockedUntil(), getLocale())))
                .setHeader(getTranslation("identity.member.signIn")).setKey("signIn").setFlexGrow(1);
        grid.addItemClickListener(e -> edit(e.getItem()));
        grid.setSizeFull();
        configureInvitations();
        add(add, invitationsPanel, grid);
        refresh();
    }

    /** Facilitators' invitations of people without an account: approve (account, groups, welcome e-mail) or refuse. */
    private void configureInvitations() {
        invitations.setId("invitations-grid");
        // On a phone: who, and the approve / refuse buttons.
        org.cohorte.base.ui.PhoneGrids.keepOnPhone(invitations, 0, 5);
        invitations.addColumn(InvitationView::displayName).setHeader(getTranslation("identity.invitations.name"))
                .setKey("name").setFlexGrow(2);
        invitations.addColumn(InvitationView::email).setHeader(getTranslation("identity.invitations.email")).setFlexGrow(2);
        invitations.addColumn(i -> i.organizationName() == null ? "" : i.organizationName())
                .setHeader(getTranslation("identity.invitations.organization")).setFlexGrow(2);
        invitations.addColumn(InvitationView::place).setHeader(getTranslation("identity.invitations.place")).setFlexGrow(2);
        invitations.addColumn(InvitationView::invitedByName).setHeader(getTranslation("identity.invitations.invitedBy"));
        invitations.addComponentColumn(i -> {
            Button approve = new Button(getTranslation("identity.invitations.approve"), e -> {
                String[] created = new String[1];
                if (Notifier.attempt(() -> created[0] = invitationService.approve(i.id()))) {
                    Notifier.success("identity.invitations.approved", created[0]);
                    refresh();
                }
            });
            approve.addClassName("invitation-approve");
            approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            Button refuse = new Button(getTranslation("identity.invitations.refuse"), e -> {
                if (Notifier.attempt(() -> invitationService.refuse(i.id()))) {
                    Notifier.success("identity.invitations.refused");
                    refresh();
                }
            });
            refuse.addClassName("invitation-refuse");
            refuse.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return new HorizontalLayout(approve, refuse);
        }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        invitations.setAllRowsVisible(true);
        invitations.setEmptyStateText(getTranslation("identity.invitations.none"));
        invitationsPanel.setId("invitations");
        invitationsPanel.add(invitations);
        invitationsPanel.setWidthFull();
    }

    private void refresh() {
        grid.setItems(memberService.listMembers());
        List<InvitationView> pending = invitationService.pending();
        invitations.setItems(pending);
        invitationsPanel.setSummaryText(getTranslation("identity.invitations.title") + " (" + pending.size() + ")");
        invitationsPanel.setOpened(!pending.isEmpty());
    }

    private void edit(MemberSummary existing) {
        List<Organization> organizations = organizationService.list();
        Map<UUID, Organization> byId = organizations.stream().collect(Collectors.toMap(Organization::getId, o -> o));
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(existing == null ? "identity.members.new" : "identity.members.edit"));
        TextField userId = new TextField(getTranslation("identity.member.userId"));
        userId.setId("member-user-id");
        userId.setHelperText(getTranslation("identity.member.userIdHelp"));
        userId.setMaxLength(64);
        TextField firstName = new TextField(getTranslation("identity.member.firstName"));
        firstName.setId("member-first-name");
        firstName.setMaxLength(100);
        TextField lastName = new TextField(getTranslation("identity.member.lastName"));
        lastName.setId("member-last-name");
        lastName.setMaxLength(100);
        EmailField email = new EmailField(getTranslation("identity.member.email"));
        email.setId("member-email");
        PasswordField password = new PasswordField(getTranslation("identity.member.password"));
        password.setId("member-password");
        password.setHelperText(getTranslation(existing == null ? "identity.member.passwordHelp"
                : "identity.member.passwordKeepHelp", PasswordPolicy.MIN_LENGTH));
        ComboBox<Organization> organization = new ComboBox<>(getTranslation("identity.member.organization"));
        organization.setId("member-organization");
        organization.setItems(organizations);
        organization.setItemLabelGenerator(Organization::getLabel);
        organization.setClearButtonVisible(true);
        RadioButtonGroup<String> language = new RadioButtonGroup<>(getTranslation("identity.profile.language"));
        language.setItems("fr", "en");
        language.setItemLabelGenerator(l -> "fr".equals(l) ? "Français" : "English");
        language.setValue("fr");
        CheckboxGroup<String> groups = new CheckboxGroup<>(getTranslation("identity.member.roles"));
        groups.setId("member-groups");
        groups.setItems(Roles.ALL);
        groups.setItemLabelGenerator(g -> getTranslation("role." + g));

        if (existing != null) {
            userId.setValue(existing.userId());
            userId.setReadOnly(true);
            firstName.setValue(nullToEmpty(existing.firstName()));
            lastName.setValue(nullToEmpty(existing.lastName()));
            email.setValue(nullToEmpty(existing.email()));
            if (existing.organizationId() != null) {
                organization.setValue(byId.get(existing.organizationId()));
            }
            language.setValue(existing.language());
            groups.setValue(new LinkedHashSet<>(existing.groups()));
        } else {
            groups.setValue(Set.of(Roles.PARTICIPANT));
        }

        Button save = new Button(getTranslation("common.save"), e -> {
            MemberForm form = new MemberForm();
            form.setUserId(userId.getValue());
            form.setFirstName(firstName.getValue());
            form.setLastName(lastName.getValue());
            form.setEmail(email.getValue());
            form.setPassword(password.getValue());
            form.setOrganizationId(organization.getValue() == null ? null : organization.getValue().getId());
            form.setLanguage(language.getValue());
            form.setGroups(groups.getValue());
            boolean saved = Notifier.attempt(() -> {
                if (existing == null) {
                    memberService.createMember(form);
                } else {
                    memberService.updateMember(existing.userId(), form);
                }
            });
            if (saved) {
                Notifier.success("common.saved");
                dialog.close();
                refresh();
            }
        });
        save.setId("member-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("common.cancel"), e -> dialog.close());
        if (existing != null) {
            dialog.getFooter().add(removeButton(existing, dialog));
        }
        FormLayout layout = new FormLayout(userId, email, firstName, lastName, password, organization, language, groups);
        layout.setColspan(groups, 2);
        if (existing != null && existing.signInLockedUntil() != null) {
            dialog.add(lockNotice(existing, dialog));
        }
        dialog.add(layout);
        dialog.getFooter().add(cancel, save);
        dialog.setWidth("min(48rem, 95vw)");
        dialog.open();
    }

    /**
     * Removes a member who left (Law 25 / GDPR): asks for confirmation, since the account goes and the name is
     * replaced by a pseudonym everywhere, which cannot be undone.
     */
    private Button removeButton(MemberSummary member, Dialog dialog) {
        Button remove = new Button(getTranslation("identity.privacy.remove"), VaadinIcon.TRASH.create(), e -> {
            Dialog confirm = new Dialog();
            confirm.setHeaderTitle(getTranslation("identity.privacy.removeTitle", member.userId()));
            confirm.add(new Paragraph(getTranslation("identity.privacy.removeExplained")));
            Button yes = new Button(getTranslation("identity.privacy.removeConfirm"), click -> {
                String[] pseudonym = new String[1];
                if (Notifier.attempt(() -> pseudonym[0] = personalData.removeMember(member.userId()))) {
                    Notifier.success("identity.privacy.removed", pseudonym[0]);
                    confirm.close();
                    dialog.close();
                    refresh();
                }
            });
            yes.setId("member-remove-confirm");
            yes.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
            confirm.getFooter().add(new Button(getTranslation("common.cancel"), click -> confirm.close()), yes);
            confirm.open();
        });
        remove.setId("member-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return remove;
    }

    /** Says until when the account is locked, with the button that opens it now. */
    private VerticalLayout lockNotice(MemberSummary member, Dialog dialog) {
        Paragraph explanation = new Paragraph(getTranslation("identity.member.lockedExplained",
                Formats.dateTime(member.signInLockedUntil(), getLocale())));
        explanation.setId("member-lock");
        Button unlock = new Button(getTranslation("identity.member.unlock"), VaadinIcon.UNLOCK.create(), e -> {
            if (Notifier.attempt(() -> memberService.unlockSignIn(member.userId()))) {
                Notifier.success("identity.member.unlocked", member.userId());
                dialog.close();
                refresh();
            }
        });
        unlock.setId("member-unlock");
        unlock.addThemeVariants(ButtonVariant.LUMO_ERROR);
        VerticalLayout notice = new VerticalLayout(explanation, unlock);
        notice.setPadding(false);
        return notice;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("identity.members.title");
    }
}
