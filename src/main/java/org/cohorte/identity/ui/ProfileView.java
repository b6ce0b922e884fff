package org.cohorte.identity.ui;

import java.io.ByteArrayInputStream;
import java.util.List;

import jakarta.annotation.security.PermitAll;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.cohorte.base.ui.LanguagePreference;
import org.cohorte.base.ui.Notifier;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.service.ApiTokenService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.MemberSummary;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.PasswordPolicy;
import org.cohorte.identity.service.PersonalDataService;

/**
 * "Mon profil": the member's display name, organization, language and time zone, their password (members who sign in
 * through the identity provider have none here) and access tokens.
 */
@Route("profile")
@PermitAll
public class ProfileView extends VerticalLayout implements HasDynamicTitle {

    public ProfileView(MemberService memberService, OrganizationService organizationService, CurrentUser currentUser,
                       ApiTokenService tokens, PersonalDataService personalData) {
        setMaxWidth("40rem");
        MemberSummary me = memberService.getMember(currentUser.userId());
        List<Organization> organizations = organizationService.list();

        TextField displayName = new TextField(getTranslation("identity.profile.displayName"));
        displayName.setId("profile-display-name");
        displayName.setRequiredIndicatorVisible(true);
        displayName.setMaxLength(200);
        displayName.setValue(me.displayName() == null ? "" : me.displayName());

        ComboBox<Organization> organization = new ComboBox<>(getTranslation("identity.profile.organization"));
        organization.setId("profile-organization");
        organization.setItems(organizations);
        organization.setItemLabelGenerator(Organization::getLabel);
        organization.setClearButtonVisible(true);
        organizations.stream().filter(o -> o.getId().equals(me.organizationId())).findFirst()
                .ifPresent(organization::setValue);

        RadioButtonGroup<String> language = new RadioButtonGroup<>(getTranslation("identity.profile.language"));
        language.setId("profile-language");
        language.setItems("fr", "en");
        language.setItemLabelGenerator(l -> "fr".equals(l) ? "Français" : "English");
        language.setValue(me.language());

        // Empty means the organization's zone, which the helper names.
        ComboBox<String> timeZone = TimeZones.field(getTranslation("identity.profile.timeZone"));
        timeZone.setId("profile-time-zone");
        timeZone.setClearButtonVisible(true);
        timeZone.setHelperText(getTranslation("identity.profile.timeZoneHelp"));
        memberService.myProfile().map(p -> p.getTimeZone()).ifPresent(timeZone::setValue);

        TextField userId = new TextField(getTranslation("identity.profile.userId"));
        userId.setValue(me.userId());
        userId.setReadOnly(true);
        TextField groups = new TextField(getTranslation("identity.profile.roles"));
        groups.setValue(String.join(", ", me.groups().stream().map(g -> getTranslation("role." + g)).toList()));
        groups.setReadOnly(true);

        Button save = new Button(getTranslation("common.save"), e -> {
            String chosen = language.getValue();
            boolean changedLanguage = !chosen.equals(getLocale().getLanguage());
            if (Notifier.attempt(() -> memberService.updateMyProfile(displayName.getValue(),
                    organization.getValue() == null ? null : organization.getValue().getId(), chosen,
                    timeZone.getValue()))) {
                Notifier.success("identity.profile.saved");
                if (changedLanguage) {
                    LanguagePreference.switchTo(me.userId(), chosen);
                }
            }
        });
        save.setId("profile-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        FormLayout form = new FormLayout(displayName, organization, language, timeZone, userId, groups);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form, save);
        addPasswordChange(memberService);
        add(new ApiTokensPanel(tokens));
        addMyData(personalData);
    }

    /** Law 25 / GDPR access right: everything Cohorte holds about the member, in one JSON file. */
    private void addMyData(PersonalDataService personalData) {
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = personalData.exportMine();
            return new DownloadResponse(new ByteArrayInputStream(bytes), "cohorte-mes-donnees.json", "application/json",
                    bytes.length);
        }), getTranslation("identity.privacy.download"));
        download.setId("profile-download-data");
        download.getElement().setAttribute("download", true);
        add(new H2(getTranslation("identity.privacy.myData")), new Paragraph(getTranslation("identity.privacy.myDataExplained")),
                download);
    }

    private void addPasswordChange(MemberService memberService) {
        if (memberService.mySignInIsSso()) {
            // Signed in through the identity provider: no local password to change here.
            Paragraph note = new Paragraph(getTranslation("identity.profile.passwordAtProvider"));
            note.setId("profile-password-sso");
            add(new H2(getTranslation("identity.profile.password")), note);
            return;
        }
        PasswordField current = new PasswordField(getTranslation("identity.profile.currentPassword"));
        current.setId("profile-current-password");
        PasswordField chosen = new PasswordField(getTranslation("identity.profile.newPassword"));
        chosen.setId("profile-new-password");
        chosen.setHelperText(getTranslation("identity.member.passwordHelp", PasswordPolicy.MIN_LENGTH));
        chosen.setMaxLength(PasswordPolicy.MAX_LENGTH);
        Button change = new Button(getTranslation("identity.profile.changePassword"), e -> {
            if (Notifier.attempt(() -> memberService.changeMyPassword(current.getValue(), chosen.getValue()))) {
                Notifier.success("identity.profile.passwordChanged");
                current.clear();
                chosen.clear();
            }
        });
        change.setId("profile-change-password");
        FormLayout passwordForm = new FormLayout(current, chosen);
        passwordForm.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(new H2(getTranslation("identity.profile.password")), passwordForm, change);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("identity.profile.title");
    }
}
