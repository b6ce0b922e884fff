package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.cohorte.identity.domain.OrganizationRepository;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.MembersView;
import org.cohorte.identity.ui.OrganizationsView;
import org.cohorte.onboarding.service.OnboardingService;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin screens: creating members and organizations, and what a wrong entry gets. */
class AdminViewsIT extends ViewTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    OrganizationRepository organizations;

    @SuppressWarnings("unchecked")
    private void fillMember(String userId, String password) {
        _setValue(_get(TextField.class, spec -> spec.withId("member-user-id")), userId);
        _setValue(_get(TextField.class, spec -> spec.withId("member-first-name")), "Élise");
        _setValue(_get(TextField.class, spec -> spec.withId("member-last-name")), "Côté");
        _setValue(_get(EmailField.class, spec -> spec.withId("member-email")), "elise@example.org");
        _setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), password);
        _setValue(_get(CheckboxGroup.class, spec -> spec.withId("member-groups")), Set.of(Roles.PARTICIPANT, Roles.EXPERT));
    }

    @Test
    void an_admin_creates_a_member_who_gets_an_onboarding_task() {
        signIn(data.user("root", Roles.ADMIN));
        UI.getCurrent().navigate(MembersView.class);
        _click(_get(Button.class, spec -> spec.withId("new-member")));
        String userId = "elise.cote" + System.nanoTime();
        fillMember(userId, "un-long-mot-de-passe");
        _click(_get(Button.class, spec -> spec.withId("member-save")));

        expectNotifications("Enregistré.");
        assertThat(identityService.checkPassword(userId, "un-long-mot-de-passe")).isTrue();
        assertThat(data.groupsOf(userId)).containsExactlyInAnyOrder(Roles.PARTICIPANT, Roles.EXPERT);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(OnboardingService.PROCESS_KEY)
                .processInstanceBusinessKey(userId).count()).isEqualTo(1);
    }

    @Test
    void a_too_short_password_is_refused_in_french_and_the_form_keeps_what_was_typed() {
        signIn(data.user("root", Roles.ADMIN));
        UI.getCurrent().navigate(MembersView.class);
        _click(_get(Button.class, spec -> spec.withId("new-member")));
        String userId = "court" + System.nanoTime();
        fillMember(userId, "court");
        _click(_get(Button.class, spec -> spec.withId("member-save")));

        expectNotifications("Le mot de passe doit compter au moins 12 caractères.");
        assertThat(identityService.createUserQuery().userId(userId).count()).isZero();
        assertThat(_get(Dialog.class).isOpened()).isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("member-user-id")).getValue()).isEqualTo(userId);
    }

    @Test
    void an_invalid_user_id_is_explained() {
        signIn(data.user("root", Roles.ADMIN));
        UI.getCurrent().navigate(MembersView.class);
        _click(_get(Button.class, spec -> spec.withId("new-member")));
        fillMember("Pas Valide!", "un-long-mot-de-passe");
        _click(_get(Button.class, spec -> spec.withId("member-save")));
        expectNotifications("L’identifiant doit compter de 2 à 64 caractères : lettres minuscules, chiffres, point, "
                + "tiret ou soulignement, en commençant par une lettre ou un chiffre.");
    }

    @Test
    void an_admin_creates_an_organization_and_a_duplicate_name_is_refused() {
        signIn(data.user("root", Roles.ADMIN));
        UI.getCurrent().navigate(OrganizationsView.class);
        String name = "Ministère des Essais " + System.nanoTime();
        _click(_get(Button.class, spec -> spec.withId("new-organization")));
        _setValue(_get(TextField.class, spec -> spec.withId("organization-name")), name);
        _setValue(_get(TextField.class, spec -> spec.withId("organization-acronym")), "MDE");
        _click(_get(Button.class, spec -> spec.withId("organization-save")));
        expectNotifications("Enregistré.");
        assertThat(organizations.findByNameIgnoreCase(name)).isPresent();

        _click(_get(Button.class, spec -> spec.withId("new-organization")));
        _setValue(_get(TextField.class, spec -> spec.withId("organization-name")), name.toUpperCase());
        _click(_get(Button.class, spec -> spec.withId("organization-save")));
        expectNotifications("Une organisation nommée « " + name.toUpperCase() + " » existe déjà.");
    }
}
