package org.cohorte.codevelopment;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.time.EngineClock;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CaseRetention;
import org.cohorte.codevelopment.service.CodevGroupService;
import org.cohorte.codevelopment.ui.CodevGroupView;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A group's own retention of closed cases: set by its facilitator or an administrator only, within bounds, shown on
 * the group page; the retention run erases each group's cases after its own period, or the default's.
 */
class GroupRetentionIT extends ViewTest {

    @Autowired
    CodevFixture codev;
    @Autowired
    CodevGroupService groups;
    @Autowired
    CaseRetention retention;
    @Autowired
    JdbcTemplate jdbc;

    /** A session of the group with its case written, then closed at the given instant. */
    private UUID closedSession(CodevFixture.Group group, Instant closedAt) {
        UUID session = codev.launch(group, SessionMode.LIVE);
        codev.prepareAndOpen(group, session);
        jdbc.update("update codev_session set status = 'CLOSED', closed_at = ? where id = ?", Timestamp.from(closedAt),
                session);
        return session;
    }

    private boolean caseKept(UUID session) {
        return jdbc.queryForObject("select count(*) from codev_session where id = ? and case_title is not null",
                Long.class, session) == 1;
    }

    @Test
    void each_groups_cases_are_erased_after_its_own_retention_and_the_others_after_the_default() {
        CodevFixture.Group shortKeep = codev.group(4);
        CodevFixture.Group yearKeep = codev.group(4);
        CodevFixture.Group byDefault = codev.group(4);
        data.as(shortKeep.facilitator(), () -> groups.setCaseRetention(shortKeep.id(), 60));
        data.as(yearKeep.facilitator(), () -> groups.setCaseRetention(yearKeep.id(), 365));
        Instant now = EngineClock.now();
        UUID shortRecent = closedSession(shortKeep, now);
        UUID yearRecent = closedSession(yearKeep, now);
        UUID yearOld = closedSession(yearKeep, now.minus(Duration.ofDays(300)));
        UUID defaultRecent = closedSession(byDefault, now);
        UUID defaultOld = closedSession(byDefault, now.minus(Duration.ofDays(300)));

        retention.eraseExpiredCases();
        assertThat(caseKept(shortRecent)).as("nothing is due yet").isTrue();
        assertThat(caseKept(yearOld)).isTrue();

        // 100 days later: past 60 days for the short group, past 365 for the year group's old session only.
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(100))));
        assertThat(retention.eraseExpiredCases()).isGreaterThanOrEqualTo(2);

        assertThat(caseKept(shortRecent)).as("60-day group, closed 100 days ago").isFalse();
        assertThat(jdbc.queryForObject("select count(*) from codev_entry where session_id = ?", Long.class, shortRecent))
                .isZero();
        assertThat(caseKept(yearOld)).as("365-day group, closed 400 days ago").isFalse();
        assertThat(caseKept(yearRecent)).as("365-day group, closed 100 days ago").isTrue();
        assertThat(caseKept(defaultOld)).as("default 730 days, closed 400 days ago").isTrue();
        assertThat(caseKept(defaultRecent)).isTrue();
        // The session stays, for the rotation.
        assertThat(jdbc.queryForObject("select count(*) from codev_participant where session_id = ?", Long.class,
                shortRecent)).isEqualTo(4);
    }

    @Test
    void only_the_groups_facilitator_or_an_administrator_sets_its_retention_within_bounds() {
        CodevFixture.Group group = codev.group(4);
        CodevFixture.Group other = codev.group(4);
        String admin = data.user("root", Roles.ADMIN);

        assertThatThrownBy(() -> data.as(group.member(0), () -> groups.setCaseRetention(group.id(), 90)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> data.as(other.facilitator(), () -> groups.setCaseRetention(group.id(), 90)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> data.as(group.facilitator(), () -> groups.setCaseRetention(group.id(), 29)))
                .isInstanceOf(CohorteException.class)
                .satisfies(e -> assertThat(((CohorteException) e).getMessageKey())
                        .isEqualTo("codevelopment.error.retentionRange"));
        assertThatThrownBy(() -> data.as(group.facilitator(), () -> groups.setCaseRetention(group.id(), 3651)))
                .isInstanceOf(CohorteException.class);
        assertThat(retentionOf(group.id())).isNull();

        data.as(group.facilitator(), () -> groups.setCaseRetention(group.id(), 90));
        assertThat(retentionOf(group.id())).isEqualTo(90);
        data.as(admin, () -> groups.setCaseRetention(group.id(), 3650));
        assertThat(retentionOf(group.id())).isEqualTo(3650);
        data.as(group.facilitator(), () -> groups.setCaseRetention(group.id(), null));
        assertThat(retentionOf(group.id())).isNull();
    }

    private Integer retentionOf(UUID group) {
        return jdbc.queryForObject("select case_retention_days from codev_group where id = ?", Integer.class, group);
    }

    @Test
    void the_group_page_shows_the_retention_and_only_the_facilitator_edits_it_with_a_clear_message() {
        CodevFixture.Group group = codev.group(4);
        signIn(group.facilitator());
        UI.getCurrent().navigate(CodevGroupView.class, group.id().toString());
        assertThat(_get(Span.class, spec -> spec.withId("codev-retention")).getText())
                .isEqualTo("Les cas des séances closes sont effacés après 730 jours (valeur par défaut).");

        _get(IntegerField.class, spec -> spec.withId("codev-retention-days")).setValue(20);
        _click(_get(Button.class, spec -> spec.withId("codev-retention-save")));
        com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications(
                "La durée de conservation doit être comprise entre 30 et 3650 jours (ou vide pour la valeur par défaut).");
        assertThat(retentionOf(group.id())).isNull();

        _get(IntegerField.class, spec -> spec.withId("codev-retention-days")).setValue(180);
        _click(_get(Button.class, spec -> spec.withId("codev-retention-save")));
        assertThat(retentionOf(group.id())).isEqualTo(180);
        assertThat(_get(Span.class, spec -> spec.withId("codev-retention")).getText())
                .isEqualTo("Les cas des séances closes sont effacés après 180 jours (règle du groupe).");

        signIn(group.member(0));
        UI.getCurrent().navigate(CodevGroupView.class, group.id().toString());
        assertThat(_get(Span.class, spec -> spec.withId("codev-retention")).getText()).contains("180 jours");
        assertThat(_find(IntegerField.class, spec -> spec.withId("codev-retention-days"))).isEmpty();
    }
}
