package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.GridKt._clickItem;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.ui.Formats;
import org.cohorte.identity.service.MemberSummary;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.MembersView;
import org.cohorte.identity.ui.ProfileView;
import org.cohorte.testsupport.ViewTest;
import org.cohorte.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each screen that sets a password explains a refusal in the user's language; Membres shows and opens locks. */
class PasswordScreensIT extends ViewTest {

    @Autowired
    IdentityService identityService;

    @SuppressWarnings("unchecked")
    private void newMember(String userId, String password) {
        UI.getCurrent().navigate(MembersView.class);
        _click(_get(Button.class, spec -> spec.withId("new-member")));
        _setValue(_get(TextField.class, spec -> spec.withId("member-user-id")), userId);
        _setValue(_get(TextField.class, spec -> spec.withId("member-first-name")), "Gabrielle");
        _setValue(_get(TextField.class, spec -> spec.withId("member-last-name")), "Lapointe");
        _setValue(_get(EmailField.class, spec -> spec.withId("member-email")), "glapointe@example.org");
        _setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), password);
        _setValue(_get(CheckboxGroup.class, spec -> spec.withId("member-groups")), Set.of(Roles.PARTICIPANT));
        _click(_get(Button.class, spec -> spec.withId("member-save")));
    }

    private void changeMyPassword(String current, String chosen) {
        UI.getCurrent().navigate(ProfileView.class);
        _setValue(_get(PasswordField.class, spec -> spec.withId("profile-current-password")), current);
        _setValue(_get(PasswordField.class, spec -> spec.withId("profile-new-password")), chosen);
        _click(_get(Button.class, spec -> spec.withId("profile-change-password")));
    }

    @Test
    void an_admin_creating_a_member_is_told_in_french_why_a_password_is_refused() {
        signIn(data.user("root", Roles.ADMIN));
        String userId = "gabrielle" + System.nanoTime();
        newMember(userId, "Gabrielle-2026-ete");
        expectNotifications("Le mot de passe ne doit contenir ni l’identifiant, ni le prénom, ni le nom, ni le "
                + "courriel du compte, ni le nom Cohorte.");
        _click(_get(Button.class, spec -> spec.withId("member-save")));
        expectNotifications("Le mot de passe ne doit contenir ni l’identifiant, ni le prénom, ni le nom, ni le "
                + "courriel du compte, ni le nom Cohorte.");
        _setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), "Motdepasse2026!");
        _click(_get(Button.class, spec -> spec.withId("member-save")));
        expectNotifications("Ce mot de passe est parmi les plus courants ou suit une séquence prévisible : "
                + "choisissez-en un autre, par exemple une phrase de quelques mots.");
        assertThat(identityService.createUserQuery().userId(userId).count()).isZero();
    }

    @Test
    void an_english_speaking_admin_is_told_in_english() {
        String admin = data.user("root", Roles.ADMIN);
        data.setLanguage(admin, "en");
        signIn(admin);
        newMember("gabrielle" + System.nanoTime(), "azerty123456");
        expectNotifications("This password is among the most common ones or follows a predictable sequence: "
                + "choose another one, such as a sentence of a few words.");
        _setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), "short");
        _click(_get(Button.class, spec -> spec.withId("member-save")));
        expectNotifications("The password must have at least 12 characters.");
    }

    @Test
    void resetting_a_members_password_obeys_the_policy_too() {
        signIn(data.user("root", Roles.ADMIN));
        String member = data.user("kim", Roles.PARTICIPANT);
        UI.getCurrent().navigate(MembersView.class);
        Grid<MemberSummary> grid = _get(Grid.class, spec -> spec.withId("members-grid"));
        _clickItem(grid, rowOf(grid, member), 1, false, false, false, false);
        _setValue(_get(PasswordField.class, spec -> spec.withId("member-password")), "qwertyuiop12");
        _click(_get(Button.class, spec -> spec.withId("member-save")));
        expectNotifications("Ce mot de passe est parmi les plus courants ou suit une séquence prévisible : "
                + "choisissez-en un autre, par exemple une phrase de quelques mots.");
        assertThat(identityService.checkPassword(member, TestData.PASSWORD)).isTrue();
    }

    @Test
    void a_member_changes_their_own_password_after_proving_the_current_one() {
        String member = data.user("lou", Roles.PARTICIPANT);
        signIn(member);
        changeMyPassword("not-my-password", "la riviere aux outardes");
        expectNotifications("Le mot de passe actuel est incorrect. Après plusieurs échecs, le compte est verrouillé "
                + "quelques minutes.");
        assertThat(_get(PasswordField.class, spec -> spec.withId("profile-new-password")).getValue())
                .as("what was typed is kept").isEqualTo("la riviere aux outardes");

        changeMyPassword(TestData.PASSWORD, "la riviere aux outardes");
        expectNotifications("Mot de passe changé.");
        assertThat(identityService.checkPassword(member, "la riviere aux outardes")).isTrue();
        assertThat(identityService.checkPassword(member, TestData.PASSWORD)).isFalse();
    }

    @Test
    void a_member_choosing_a_weak_password_is_told_why_in_their_language() {
        String member = data.user("max", Roles.PARTICIPANT);
        data.setLanguage(member, "en");
        signIn(member);
        changeMyPassword(TestData.PASSWORD, "Password2026!");
        expectNotifications("This password is among the most common ones or follows a predictable sequence: "
                + "choose another one, such as a sentence of a few words.");
        changeMyPassword(TestData.PASSWORD, member + "-secret");
        expectNotifications("The password must not contain the account’s user ID, first name, last name or email, "
                + "nor the name Cohorte.");
        assertThat(identityService.checkPassword(member, TestData.PASSWORD)).isTrue();
    }

    @Test
    void members_shows_until_when_an_account_is_locked_and_an_admin_unlocks_it_there() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ClockUtil.setCurrentTime(Date.from(start));
        String locked = data.user("ned", Roles.PARTICIPANT);
        for (int i = 0; i < 5; i++) {
            identityService.checkPassword(locked, "guessing-" + i);
        }
        signIn(data.user("root", Roles.ADMIN));
        UI.getCurrent().navigate(MembersView.class);
        Grid<MemberSummary> grid = _get(Grid.class, spec -> spec.withId("members-grid"));
        int row = rowOf(grid, locked);
        String until = Formats.dateTime(start.plus(Duration.ofMinutes(15)), UI.getCurrent().getLocale());
        assertThat(_getFormatted(grid, row, "signIn")).isEqualTo("Verrouillé jusqu’au " + until);

        _clickItem(grid, row, 1, false, false, false, false);
        assertThat(_get(Paragraph.class, spec -> spec.withId("member-lock")).getText())
                .isEqualTo("Connexion verrouillée jusqu’au " + until + " après plusieurs mots de passe erronés.");
        _click(_get(Button.class, spec -> spec.withId("member-unlock")));
        expectNotifications("Compte déverrouillé : " + locked + " peut se connecter de nouveau.");
        assertThat(_getFormatted(grid, rowOf(grid, locked), "signIn")).isEmpty();
        assertThat(identityService.checkPassword(locked, TestData.PASSWORD)).isTrue();

        _clickItem(grid, rowOf(grid, locked), 1, false, false, false, false);
        assertThat(_find(Button.class, spec -> spec.withId("member-unlock"))).as("nothing to unlock").isEmpty();
    }

    @Test
    void the_sign_in_page_gives_one_answer_to_every_refusal_and_says_to_try_again_in_a_few_minutes() {
        signIn(null);
        UI.getCurrent().navigate("login", QueryParameters.simple(java.util.Map.of("error", "")));
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        String i18n = form.getElement().getPropertyRaw("i18n").toString();
        assertThat(i18n).contains("Connexion refusée").contains("Identifiant ou mot de passe incorrect, ou compte "
                + "verrouillé pour quelques minutes après plusieurs échecs. Vérifiez-les et réessayez dans quelques "
                + "minutes ; un administrateur peut aussi déverrouiller le compte.");
    }

    private static int rowOf(Grid<MemberSummary> grid, String userId) {
        for (int i = 0; i < _size(grid); i++) {
            if (_get(grid, i).userId().equals(userId)) {
                return i;
            }
        }
        throw new AssertionError(userId + " is not in the grid");
    }
}
