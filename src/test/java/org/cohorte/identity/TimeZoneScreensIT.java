package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.ProfileView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** "Mon profil" → time zone (the daily digest's 07:00): the member's own, else their organization's. */
class TimeZoneScreensIT extends ViewTest {

    @Autowired
    MemberService members;
    @Autowired
    OrganizationService organizations;

    @Test
    void a_member_picks_their_time_zone_on_their_profile_and_clearing_it_falls_back_to_their_organizations() {
        String admin = data.user("admin", Roles.ADMIN);
        Organization organization = data.as(admin, () -> organizations.create("Région " + UUID.randomUUID(), null,
                OrganizationType.AGENCY));
        data.as(admin, () -> organizations.setTimeZone(organization.getId(), "America/Vancouver"));
        String member = data.user("eloise", Roles.PARTICIPANT);
        data.as(member, () -> members.updateMyProfile("Éloïse", organization.getId(), "fr"));
        assertThat(members.timeZonesOf(List.of(member))).containsEntry(member, ZoneId.of("America/Vancouver"));

        signIn(member);
        UI.getCurrent().navigate(ProfileView.class);
        ComboBox<String> zone = _get(ComboBox.class, spec -> spec.withId("profile-time-zone"));
        assertThat(zone.getValue()).as("none of their own yet").isNull();
        _setValue(zone, "Europe/Paris");
        _click(_get(Button.class, spec -> spec.withId("profile-save")));
        expectNotifications("Profil enregistré.");
        assertThat(members.timeZonesOf(List.of(member))).containsEntry(member, ZoneId.of("Europe/Paris"));

        UI.getCurrent().navigate(ProfileView.class);
        ComboBox<String> reopened = _get(ComboBox.class, spec -> spec.withId("profile-time-zone"));
        assertThat(reopened.getValue()).isEqualTo("Europe/Paris");
        _setValue(reopened, null);
        _click(_get(Button.class, spec -> spec.withId("profile-save")));
        expectNotifications("Profil enregistré.");
        assertThat(members.timeZonesOf(List.of(member))).containsEntry(member, ZoneId.of("America/Vancouver"));

        assertThatThrownBy(() -> data.as(member, () -> members.updateMyProfile("Éloïse", null, "fr", "Mars/Olympus")))
                .isInstanceOf(CohorteException.class).hasMessageContaining("timeZoneUnknown");
        assertThatThrownBy(() -> data.as(member, () -> organizations.setTimeZone(organization.getId(), "Europe/Paris")))
                .as("only an administrator sets an organization's zone").isInstanceOf(ForbiddenException.class);
    }
}
