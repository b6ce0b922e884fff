package org.cohorte.community;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.cohorte.base.time.EngineClock;
import org.cohorte.community.domain.CommunityRole;
import org.cohorte.community.service.CommunityService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.TestData;

/** A fresh community with a facilitator, an on-duty expert, two members and an outsider. */
final class CommunityFixture {

    final String facilitator;
    final String expert;
    final String member;
    final String colleague;
    final String outsider;
    final UUID community;

    CommunityFixture(TestData data, CommunityService communities) {
        facilitator = data.user("claire", Roles.FACILITATOR, Roles.PARTICIPANT);
        expert = data.user("sophie", Roles.EXPERT, Roles.PARTICIPANT);
        member = data.user("marc", Roles.PARTICIPANT);
        colleague = data.user("julie", Roles.PARTICIPANT);
        outsider = data.user("zoe", Roles.PARTICIPANT);
        community = data.as(facilitator, () -> {
            UUID id = communities.create("Coach RH " + UUID.randomUUID(), "RH", "Charte", null,
                    List.of(facilitator), false).getId();
            communities.addMember(id, expert, CommunityRole.EXPERT);
            communities.addMember(id, member, CommunityRole.MEMBER);
            communities.addMember(id, colleague, CommunityRole.MEMBER);
            communities.setDuty(id, LocalDate.ofInstant(EngineClock.now(), EngineClock.ZONE), expert);
            return id;
        });
    }
}
