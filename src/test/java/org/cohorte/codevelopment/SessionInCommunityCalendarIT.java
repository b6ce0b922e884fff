package org.cohorte.codevelopment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.community.service.ActivitySummary;
import org.cohorte.community.service.CalendarService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The two features built apart, wired together: a launched session is in its community's calendar, a cancelled one leaves it. */
class SessionInCommunityCalendarIT extends IntegrationTest {

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevSessionService sessions;
    @Autowired
    CalendarService calendar;

    @Test
    void a_launched_session_appears_in_the_community_calendar_and_leaves_it_when_cancelled() {
        CodevFixture.Group group = fixture.group(5);
        UUID session = fixture.launch(group, SessionMode.LIVE);

        var upcoming = data.as(group.member(0), () -> calendar.upcoming(group.communityId()));
        assertThat(upcoming).filteredOn(a -> "CODEVELOPMENT_SESSION".equals(a.kind()))
                .singleElement().extracting(ActivitySummary::title).asString().startsWith("Groupe ");

        data.as(group.facilitator(), () -> sessions.cancel(session, "Salle indisponible"));
        assertThat(data.as(group.member(0), () -> calendar.upcoming(group.communityId())))
                .noneMatch(a -> "CODEVELOPMENT_SESSION".equals(a.kind()));
    }
}
