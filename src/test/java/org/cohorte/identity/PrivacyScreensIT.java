package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.GridKt._clickItem;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.MemberSummary;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.MembersView;
import org.cohorte.identity.ui.ProfileView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The privacy screens: "Mes données" on the profile, and an administrator removing a member who left. */
class PrivacyScreensIT extends ViewTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    org.cohorte.identity.domain.SsoAccountRepository ssoAccounts;
    @Autowired
    org.cohorte.identity.service.MemberService memberService;

    @Test
    void a_member_finds_the_download_of_their_data_on_their_profile() {
        signIn(data.user("lea", Roles.PARTICIPANT));
        UI.getCurrent().navigate(ProfileView.class);
        Anchor download = _get(Anchor.class, spec -> spec.withId("profile-download-data"));
        assertThat(download.getText()).isEqualTo("Télécharger mes données (.json)");
        assertThat(download.getHref()).isNotBlank();
    }

    @Test
    void a_member_with_a_password_sees_the_password_change_and_one_who_signs_in_by_sso_does_not() {
        signIn(data.user("local", Roles.PARTICIPANT));
        UI.getCurrent().navigate(ProfileView.class);
        assertThat(_find(PasswordField.class, spec -> spec.withId("profile-current-password"))).hasSize(1);
        assertThat(_find(Button.class, spec -> spec.withId("profile-change-password"))).hasSize(1);
        assertThat(_find(Paragraph.class, spec -> spec.withId("profile-password-sso"))).isEmpty();

        String sso = data.user("sso", Roles.PARTICIPANT);
        ssoAccounts.save(new org.cohorte.identity.domain.SsoAccount(sso, "https://idp.test.local", "subject-" + sso));
        signIn(sso);
        UI.getCurrent().navigate(ProfileView.class);
        assertThat(_find(PasswordField.class, spec -> spec.withId("profile-current-password"))).isEmpty();
        assertThat(_find(PasswordField.class, spec -> spec.withId("profile-new-password"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("profile-change-password"))).isEmpty();
        assertThat(_get(Paragraph.class, spec -> spec.withId("profile-password-sso")).getText())
                .startsWith("Vous vous connectez par l’authentification unique");
        // The rest of the profile is theirs as for anyone.
        assertThat(_find(Anchor.class, spec -> spec.withId("profile-download-data"))).hasSize(1);
        // And the service refuses them a local password, whatever the screen shows.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> data.as(sso, () -> memberService.changeMyPassword(
                        org.cohorte.testsupport.TestData.PASSWORD, "Un-nouveau-mot-de-passe-2026")))
                .isInstanceOf(org.cohorte.base.error.ForbiddenException.class);
    }


    @Test
    @SuppressWarnings("unchecked")
    void an_admin_removes_a_member_after_confirming_and_the_member_is_gone_from_the_list() {
        signIn(data.user("root", Roles.ADMIN));
        String leaver = data.user("parti", Roles.PARTICIPANT);
        UI.getCurrent().navigate(MembersView.class);
        Grid<MemberSummary> grid = _get(Grid.class, spec -> spec.withId("members-grid"));
        _clickItem(grid, rowOf(grid, leaver), 1, false, false, false, false);
        _click(_get(Button.class, spec -> spec.withId("member-remove")));
        // Nothing happens before the confirmation.
        assertThat(identityService.createUserQuery().userId(leaver).count()).isEqualTo(1);
        _click(_get(Button.class, spec -> spec.withId("member-remove-confirm")));

        assertThat(identityService.createUserQuery().userId(leaver).count()).isZero();
        assertThat(userIds(grid)).doesNotContain(leaver);
        assertThat(_find(Button.class, spec -> spec.withId("member-remove-confirm"))).isEmpty();
    }

    private static List<String> userIds(Grid<MemberSummary> grid) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < _size(grid); i++) {
            ids.add(_get(grid, i).userId());
        }
        return ids;
    }

    private static int rowOf(Grid<MemberSummary> grid, String userId) {
        int row = userIds(grid).indexOf(userId);
        assertThat(row).as("%s in the grid", userId).isNotNegative();
        return row;
    }
}
