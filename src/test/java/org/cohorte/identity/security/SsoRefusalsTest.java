package org.cohorte.identity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SsoSettings;
import org.cohorte.identity.ui.LoginView;
import org.junit.jupiter.api.Test;

/** The refusal reasons and the group mapping, without the application. */
class SsoRefusalsTest {

    @Test
    void every_refusal_reason_has_a_message_on_the_login_page_in_both_languages() {
        assertThat(SsoFailureHandler.reasons()).isNotEmpty();
        assertThat(LoginView.SSO_REFUSALS).containsAll(SsoFailureHandler.reasons()).contains("failed");
        for (String language : List.of("fr", "en")) {
            ResourceBundle bundle = ResourceBundle.getBundle("i18n.base", Locale.forLanguageTag(language));
            for (String reason : LoginView.SSO_REFUSALS) {
                assertThat(bundle.containsKey("login.sso.error." + reason)).as(language + " " + reason).isTrue();
            }
        }
    }

    @Test
    void claim_values_map_to_cohorte_groups_case_ignored_plus_the_default_groups() {
        SsoSettings settings = new SsoSettings();
        settings.setGroups(Map.of("Cohorte-Animateurs", "facilitator, expert", "admins", "admin"));
        assertThat(settings.cohorteGroupsFor(List.of("cohorte-animateurs", "unknown")))
                .containsExactlyInAnyOrder(Roles.PARTICIPANT, Roles.FACILITATOR, Roles.EXPERT);
        settings.setDefaultGroups(List.of());
        assertThat(settings.cohorteGroupsFor(List.of("other"))).isEmpty();
    }

    @Test
    void a_mapping_to_a_group_cohorte_does_not_have_stops_the_start() throws Exception {
        SsoSettings settings = new SsoSettings();
        settings.setIssuerUri("https://sso.example.org/realms/x");
        settings.setClientId("cohorte");
        settings.setGroups(Map.of("admins", "administrator"));
        var check = SsoSettings.class.getDeclaredMethod("check");
        check.setAccessible(true);
        assertThatThrownBy(() -> check.invoke(settings)).hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("administrator");
        settings.setGroups(Map.of("admins", "admin"));
        check.invoke(settings);
        assertThat(settings.localAccountsEnabled()).isTrue();
        settings.setLocalAccounts(false);
        assertThat(settings.localAccountsEnabled()).isFalse();
        settings.setIssuerUri(" ");
        assertThat(settings.localAccountsEnabled()).as("no SSO: local accounts whatever the setting").isTrue();
    }
}
