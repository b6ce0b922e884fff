package org.cohorte.identity;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.PasswordField;
import org.camunda.bpm.engine.IdentityService;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.outbox.Outbox;
import org.cohorte.base.outbox.OutboxMessage;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.InvitationService;
import org.cohorte.identity.service.InvitationView;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.MembersView;
import org.cohorte.identity.ui.WelcomeView;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.service.NotificationView;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A facilitator invites someone without an account; an administrator approves (account, community and group,
 * welcome e-mail with a one-time link) or refuses; the facilitator is told. Only facilitators of the place invite,
 * only administrators decide.
 */
class InvitationIT extends ViewTest {

    private static final Pattern LINK = Pattern.compile("/welcome/([A-Za-z0-9_-]+)");

    @Autowired
    InvitationService invitations;
    @Autowired
    CommunityService communityService;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    NotificationService notifications;
    @Autowired
    Outbox outbox;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CodevFixture codev;

    private static String email() {
        return "invite-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.qc.ca";
    }

    private List<NotificationView> bell(String userId) {
        return data.as(userId, () -> notifications.recent(50));
    }

    @Test
    void only_facilitators_of_the_place_invite_and_only_administrators_decide() {
        CodevFixture.Group g = codev.group(4);
        String otherFacilitator = data.user("autre-anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        String admin = data.user("adm", Roles.ADMIN);
        String address = email();

        data.as(g.member(0), () -> assertThatThrownBy(() -> communityService.invite(g.communityId(), "Ana", "Roy", address, null))
                .isInstanceOf(ForbiddenException.class));
        data.as(otherFacilitator, () -> assertThatThrownBy(() -> communityService.invite(g.communityId(), "Ana", "Roy", address, null))
                .isInstanceOf(ForbiddenException.class));
        data.as(otherFacilitator, () -> assertThatThrownBy(() -> groupService.invite(g.id(), "Ana", "Roy", address, null))
                .isInstanceOfAny(ForbiddenException.class, NotFoundException.class));
        data.as(admin, () -> assertThatThrownBy(() -> communityService.invite(g.communityId(), "Ana", "Roy", address, null))
                .as("administrators create accounts; they do not invite").isInstanceOf(ForbiddenException.class));

        UUID id = data.as(g.facilitator(), () -> communityService.invite(g.communityId(), "Ana", "Roy", address, null));
        data.as(g.facilitator(), () -> assertThatThrownBy(() -> communityService.invite(g.communityId(), "Ana", "Roy", address, null))
                .as("one pending invitation per address").isInstanceOf(CohorteException.class));
        for (String notAdmin : List.of(g.facilitator(), g.member(0))) {
            data.as(notAdmin, () -> {
                assertThatThrownBy(() -> invitations.approve(id)).isInstanceOf(ForbiddenException.class);
                assertThatThrownBy(() -> invitations.refuse(id)).isInstanceOf(ForbiddenException.class);
                assertThatThrownBy(() -> invitations.pending()).isInstanceOf(ForbiddenException.class);
            });
        }
        assertThat(data.as(admin, () -> invitations.pending())).extracting(InvitationView::id).contains(id);

        data.as(admin, () -> invitations.refuse(id));
        assertThat(data.as(admin, () -> invitations.pending())).extracting(InvitationView::id).doesNotContain(id);
        assertThat(identityService.createUserQuery().userEmail(address).count()).as("no account").isZero();
        assertThat(bell(g.facilitator())).anySatisfy(n -> assertThat(n.messageKey()).isEqualTo("community.invitation.refused"));
        data.as(admin, () -> assertThatThrownBy(() -> invitations.approve(id)).as("decided once")
                .isInstanceOf(NotFoundException.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_approves_in_members_and_the_newcomer_chooses_a_password_through_the_link_once() {
        CodevFixture.Group g = codev.group(4);
        String admin = data.user("adm", Roles.ADMIN);
        String address = email();
        // Line breaks typed in a name cannot add lines or headers to the e-mail.
        UUID id = data.as(g.facilitator(), () -> groupService.invite(g.id(), "Élise\r\nBcc: x@evil.test", "Gagnon",
                address, null));

        signIn(admin);
        UI.getCurrent().navigate(MembersView.class);
        Grid<InvitationView> grid = _get(Grid.class, spec -> spec.withId("invitations-grid"));
        assertThat(grid.getListDataView().getItems().map(InvitationView::id)).contains(id);
        int row = grid.getListDataView().getItems().map(InvitationView::id).toList().indexOf(id);
        var actions = com.github.mvysny.kaributesting.v10.GridKt._getCellComponent(grid, row, "actions");
        _click(_get(actions, Button.class, spec -> spec.withClasses("invitation-approve")));
        assertThat(_get(Grid.class, spec -> spec.withId("invitations-grid")).getListDataView().getItems()
                .map(i -> ((InvitationView) i).id())).doesNotContain(id);

        String userId = identityService.createUserQuery().userEmail(address).singleResult().getId();
        assertThat(identityService.createGroupQuery().groupMember(userId).list()).extracting(grp -> grp.getId())
                .containsExactly(Roles.PARTICIPANT);
        assertThat(communityService.isMember(g.communityId(), userId)).as("in the community").isTrue();
        assertThat(data.as(g.facilitator(), () -> groupService.get(g.id()).members()))
                .as("in the group the facilitator invited to").anySatisfy(m -> assertThat(m.userId()).isEqualTo(userId));
        assertThat(bell(g.facilitator())).anySatisfy(n -> assertThat(n.messageKey()).isEqualTo("community.invitation.approved"));

        OutboxMessage welcome = outbox.messagesFor(userId).stream().filter(m -> m.kind().equals(InvitationService.MAIL_KIND))
                .findFirst().orElseThrow();
        assertThat(welcome.toAddress()).isEqualTo(address);
        assertThat(welcome.body()).contains("Élise Bcc: x@evil.test").doesNotContain("\r").contains("Votre identifiant : " + userId);
        assertThat(welcome.body().lines()).noneMatch(line -> line.startsWith("Bcc:"));
        Matcher link = LINK.matcher(welcome.body());
        assertThat(link.find()).isTrue();
        String token = link.group(1);
        assertThat(jdbc.queryForObject("select count(*) from member_invitation where token_hash = ?", Integer.class, token))
                .as("only the token's hash is kept").isZero();

        signIn(null);
        UI.getCurrent().navigate(WelcomeView.class, token);
        _get(PasswordField.class, spec -> spec.withId("welcome-password")).setValue("une phrase de passe solide");
        _get(PasswordField.class, spec -> spec.withId("welcome-confirm")).setValue("une phrase de passe solide");
        _click(_get(Button.class, spec -> spec.withId("welcome-save")));
        assertThat(identityService.checkPassword(userId, "une phrase de passe solide")).isTrue();

        UI.getCurrent().navigate(WelcomeView.class, token);
        assertThat(_find(PasswordField.class)).as("the link works once").isEmpty();
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("welcome-invalid")).getText())
                .contains("plus valide");
    }

    @Test
    void a_facilitator_invites_from_the_community_directory() {
        CodevFixture.Group g = codev.group(4);
        String admin = data.user("adm", Roles.ADMIN);
        String address = email();
        signIn(g.facilitator());
        UI.getCurrent().navigate(org.cohorte.community.ui.CommunityView.class, g.communityId().toString());
        _get(com.vaadin.flow.component.tabs.TabSheet.class, spec -> spec.withId("community-tabs")).setSelectedIndex(3);
        _click(_get(Button.class, spec -> spec.withId("community-invite")));
        _get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withId("invite-first-name")).setValue("Lina");
        _get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withId("invite-last-name")).setValue("Haddad");
        _get(com.vaadin.flow.component.textfield.EmailField.class, spec -> spec.withId("invite-email")).setValue(address);
        _click(_get(Button.class, spec -> spec.withId("invite-send")));
        assertThat(data.as(admin, () -> invitations.pending())).filteredOn(i -> i.email().equals(address)).singleElement()
                .satisfies(i -> {
                    assertThat(i.displayName()).isEqualTo("Lina Haddad");
                    assertThat(i.communityId()).isEqualTo(g.communityId());
                    assertThat(i.codevGroupId()).isNull();
                    assertThat(i.invitedBy()).isEqualTo(g.facilitator());
                });

        // A member of the community sees no invite button.
        signIn(g.member(0));
        UI.getCurrent().navigate(org.cohorte.community.ui.CommunityView.class, g.communityId().toString());
        _get(com.vaadin.flow.component.tabs.TabSheet.class, spec -> spec.withId("community-tabs")).setSelectedIndex(3);
        assertThat(_find(Button.class, spec -> spec.withId("community-invite"))).isEmpty();
    }
}
