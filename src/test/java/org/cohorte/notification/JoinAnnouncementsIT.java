package org.cohorte.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.outbox.Outbox;
import org.cohorte.base.outbox.OutboxMessage;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.Roles;
import org.cohorte.incubator.IncubatorFixture;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.service.NotificationView;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People are told when they join a group, a community, a session or get a committee task: the bell and one e-mail
 * in their own language, naming what they joined, with its link; the person who did it is not told.
 */
class JoinAnnouncementsIT extends IntegrationTest {

    @Autowired
    CodevFixture codev;
    @Autowired
    IncubatorFixture incubator;
    @Autowired
    CommunityService communityService;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    NotificationService notifications;
    @Autowired
    Outbox outbox;

    private List<NotificationView> bell(String userId) {
        return data.as(userId, () -> notifications.recent(50));
    }

    private List<OutboxMessage> mails(String userId, String text) {
        return outbox.messagesFor(userId).stream().filter(m -> m.body().contains(text)).toList();
    }

    @Test
    void group_members_are_told_in_their_language_with_the_link_and_the_facilitator_is_not() {
        String english = data.user("ann", Roles.PARTICIPANT);
        data.setLanguage(english, "en");
        CodevFixture.Group g = codev.group(4);
        UUID groupId = g.id();
        String groupName = data.as(g.facilitator(), () -> groupService.get(groupId).name());

        // Created with four members: each has the bell and one French e-mail naming the group, with its address.
        String first = g.member(0);
        assertThat(bell(first)).anySatisfy(n -> {
            assertThat(n.messageKey()).isEqualTo("codevelopment.notification.joinedGroup");
            assertThat(n.args()).contains(groupName);
            assertThat(n.link()).isEqualTo("codevelopment/group/" + groupId);
        });
        List<OutboxMessage> mail = mails(first, groupName);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).body()).contains("vous a ajouté(e) au groupe de codéveloppement")
                .contains("/codevelopment/group/" + groupId);
        assertThat(mail.get(0).toAddress()).isEqualTo(first + "@test.local");
        assertThat(bell(g.facilitator())).noneMatch(n -> n.messageKey().endsWith("joinedGroup"));

        // A fifth member added later, who reads English: told in English.
        data.as(g.facilitator(), () -> communityService.setRole(g.communityId(), english, CommunityRole.MEMBER));
        data.as(g.facilitator(), () -> groupService.addMember(groupId, english));
        assertThat(mails(english, groupName)).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("added you to the codevelopment group"));
        // ...and was told of the community too, by the facilitator who added them.
        assertThat(bell(english)).anySatisfy(n -> assertThat(n.messageKey()).isEqualTo("community.notify.joined"));
    }

    @Test
    void the_client_and_the_consultants_are_told_their_part_in_a_new_session() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.LIVE);
        String client = codev.clientOf(g, session);
        List<String> consultants = codev.consultantsOf(g, session);
        // Each names the group and the session's date: two sessions of one group are told apart.
        String groupName = data.as(g.facilitator(), () -> groupService.get(g.id()).name());
        String date = data.as(g.facilitator(), () -> sessionService.board(session).scheduledAt())
                .atZone(EngineClock.ZONE).toLocalDate().toString();
        assertThat(bell(client)).anySatisfy(n -> {
            assertThat(n.messageKey()).isEqualTo("codevelopment.notification.sessionClient");
            assertThat(n.args()).containsExactly(groupName, date);
            assertThat(n.link()).isEqualTo("codevelopment/session/" + session);
        });
        assertThat(mails(client, "Vous êtes client(e)")).singleElement().satisfies(m -> assertThat(m.body())
                .contains("séance de codéveloppement du " + date + " du groupe « " + groupName + " »"));
        for (String consultant : consultants) {
            assertThat(bell(consultant)).anySatisfy(n -> {
                assertThat(n.messageKey()).isEqualTo("codevelopment.notification.sessionConsultant");
                assertThat(n.args()).containsExactly(groupName, date);
            });
            assertThat(mails(consultant, "Vous êtes consultant(e)")).singleElement()
                    .satisfies(m -> assertThat(m.body()).contains(date).contains(groupName));
        }
        assertThat(bell(g.facilitator())).noneMatch(n -> n.messageKey().startsWith("codevelopment.notification.session"));
    }

    @Test
    void the_committee_is_told_a_proposal_waits_but_not_a_committee_member_on_the_team() {
        IncubatorFixture.Cast cast = incubator.cast();
        UUID experiment = incubator.propose(cast, 1000, 4);
        for (String member : List.of(cast.committee(), cast.committee2())) {
            assertThat(bell(member)).anySatisfy(n -> {
                assertThat(n.messageKey()).isEqualTo("incubator.notify.committee.review");
                assertThat(n.link()).isEqualTo("incubator/experiment/" + experiment);
            });
            assertThat(mails(member, "attend l’examen du comité")).hasSize(1);
        }
        assertThat(bell(cast.proposer())).noneMatch(n -> n.messageKey().startsWith("incubator.notify.committee"));
        assertThat(bell(cast.outsider())).noneMatch(n -> n.messageKey().startsWith("incubator.notify.committee"));
    }

    @Test
    void a_community_refuses_an_id_that_names_nobody_and_tells_those_it_adds() {
        String facilitator = data.user("anim", Roles.FACILITATOR, Roles.PARTICIPANT);
        String newcomer = data.user("neo", Roles.PARTICIPANT);
        UUID community = data.as(facilitator, () -> communityService.create("Communauté " + UUID.randomUUID(), "RH",
                "Charte", null, List.of(facilitator), false).getId());
        data.as(facilitator, () -> assertThatThrownBy(() -> communityService.setRole(community, "personne-" + UUID.randomUUID(),
                CommunityRole.MEMBER)).isInstanceOf(CohorteException.class)
                .hasMessageContaining("community.error.unknownMember"));
        data.as(facilitator, () -> communityService.setRole(community, newcomer, CommunityRole.MEMBER));
        assertThat(bell(newcomer)).singleElement().satisfies(n -> {
            assertThat(n.messageKey()).isEqualTo("community.notify.joined");
            assertThat(n.link()).isEqualTo("community/" + community);
        });
        // A change of role is no new membership: no second message.
        data.as(facilitator, () -> communityService.setRole(community, newcomer, CommunityRole.EXPERT));
        assertThat(bell(newcomer)).hasSize(1);
        assertThat(bell(facilitator)).as("the one who did it").isEmpty();
    }
}
