package org.cohorte.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.community.service.CalendarService;
import org.cohorte.community.service.CommunityService;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.notification.service.NotificationView;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications name what they are about: a cancelled session its group and date, a new calendar activity its
 * community and when it starts, so that two of the same kind are told apart.
 */
class NotificationSubjectsIT extends IntegrationTest {

    @Autowired
    CodevFixture codev;
    @Autowired
    CodevGroupService groupService;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    CalendarService calendar;
    @Autowired
    CommunityService communityService;
    @Autowired
    NotificationService notifications;
    @Autowired
    CohorteI18NProvider i18n;

    private List<NotificationView> bell(String userId, String key) {
        return data.as(userId, () -> notifications.recent(50)).stream().filter(n -> n.messageKey().equals(key)).toList();
    }

    private String text(NotificationView n, Locale locale) {
        return i18n.getTranslation(n.messageKey(), locale, n.args().toArray());
    }

    @Test
    void a_cancelled_session_is_named_by_its_group_and_date() {
        CodevFixture.Group g = codev.group(4);
        UUID session = codev.launch(g, SessionMode.ASYNC);
        String group = data.as(g.facilitator(), () -> groupService.get(g.id()).name());
        String date = data.as(g.facilitator(), () -> sessionService.board(session).scheduledAt())
                .atZone(EngineClock.ZONE).toLocalDate().toString();
        data.as(g.facilitator(), () -> sessionService.cancel(session, "Salle indisponible"));

        NotificationView cancelled = bell(g.member(0), "codevelopment.notification.sessionCancelled").get(0);
        assertThat(text(cancelled, Locale.FRENCH))
                .isEqualTo("La séance du " + date + " du groupe « " + group + " » est annulée : Salle indisponible");
        assertThat(text(cancelled, Locale.ENGLISH)).contains(date).contains(group).contains("Salle indisponible");
    }

    @Test
    void a_new_calendar_activity_is_named_with_its_community_and_start() {
        CodevFixture.Group g = codev.group(4);
        String community = data.as(g.facilitator(), () -> communityService.requireReader(g.communityId()).getName());
        Instant start = EngineClock.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String when = start.atZone(EngineClock.ZONE).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        data.as(g.facilitator(), () -> calendar.schedule(g.communityId(), "Appel mensuel", "MONTHLY_CALL", start,
                start.plus(1, ChronoUnit.HOURS)));

        List<NotificationView> told = bell(g.member(0), "community.notify.activityScheduled");
        assertThat(told).extracting(n -> text(n, Locale.FRENCH))
                .contains("Nouvelle activité au calendrier de « " + community + " », le " + when + " : « Appel mensuel »");
        // A session published to the calendar by the codevelopment feature is named the same way.
        UUID session = codev.launch(g, SessionMode.LIVE);
        String sessionStart = data.as(g.facilitator(), () -> sessionService.board(session).scheduledAt())
                .atZone(EngineClock.ZONE).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(bell(g.member(1), "community.notify.activityScheduled")).extracting(n -> text(n, Locale.ENGLISH))
                .anySatisfy(t -> assertThat(t).contains(community).contains(sessionStart));
    }
}
