package org.cohorte.codevelopment.service;

import java.sql.Timestamp;
import java.time.Duration;

import org.cohorte.base.time.CohorteClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The retention rule of confidential cases (Law 25 / GDPR: kept no longer than needed). A session closed or
 * cancelled longer ago than its group's retention ({@code codev_group.case_retention_days}, set by the group's
 * facilitator or an administrator) or, for a group without one, {@code cohorte.privacy.closed-case-retention}
 * (2 years by default) loses its case: the client's text, contract, synthesis and follow-up, the questions,
 * answers and contributions about it, the whiteboard's step notes and the client's actions. What remains is that the session took place, when and with whom (the rotation counts on it).
 * A member who left is pseudonymised at once; their cases follow this same rule. Any node may run it: it is one
 * idempotent set of updates.
 */
@Component
public class CaseRetention {

    private static final Logger LOG = LoggerFactory.getLogger(CaseRetention.class);
    /** Sessions ended before the cutoff, in the groups that follow the global default. */
    private static final String EXPIRED_DEFAULT = "select s.id from codev_session s join codev_group g on g.id = s.group_id "
            + "where s.status in ('CLOSED', 'CANCELLED') and coalesce(s.closed_at, s.scheduled_at) < ? "
            + "and g.case_retention_days is null";
    /** The same, in the groups whose own retention is the given number of days. */
    private static final String EXPIRED_GROUP = "select s.id from codev_session s join codev_group g on g.id = s.group_id "
            + "where s.status in ('CLOSED', 'CANCELLED') and coalesce(s.closed_at, s.scheduled_at) < ? "
            + "and g.case_retention_days = ?";

    private final JdbcTemplate jdbc;
    private final CohorteClock clock;
    private final Duration retention;
    private final boolean scheduled;

    public CaseRetention(JdbcTemplate jdbc, CohorteClock clock,
                         @Value("${cohorte.privacy.closed-case-retention:730d}") Duration retention,
                         @Value("${cohorte.privacy.retention-scheduled:true}") boolean scheduled) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelayString = "${cohorte.privacy.retention-interval:6h}",
            initialDelayString = "${cohorte.privacy.retention-interval:6h}")
    public void scheduledErase() {
        if (scheduled && clock.isLive()) {
            try {
                eraseExpiredCases();
            } catch (RuntimeException e) {
                LOG.warn("Case retention run failed: {}", e.toString());
            }
        }
    }

    /** The global default, in whole days, for screens that say what a group without its own value keeps. */
    public long defaultDays() {
        return retention.toDays();
    }

    /**
     * Erases the cases of sessions ended before their group's retention period (or the default); how many sessions
     * lost text. One pass per distinct retention value: a handful, and the cutoff stays a plain timestamp parameter
     * (no date arithmetic in SQL, which H2 and PostgreSQL spell differently).
     */
    @Transactional
    public int eraseExpiredCases() {
        int sessions = erase(EXPIRED_DEFAULT, Timestamp.from(clock.instant().minus(retention)));
        for (Integer days : jdbc.queryForList("select distinct case_retention_days from codev_group "
                + "where case_retention_days is not null", Integer.class)) {
            sessions += erase(EXPIRED_GROUP, Timestamp.from(clock.instant().minus(Duration.ofDays(days))), days);
        }
        if (sessions > 0) {
            LOG.info("Erased the confidential case of {} sessions past their retention", sessions);
        }
        return sessions;
    }

    private int erase(String expired, Object... args) {
        jdbc.update("delete from codev_entry where session_id in (" + expired + ")", args);
        jdbc.update("delete from codev_action where session_id in (" + expired + ")", args);
        // The whiteboard's step notes are the case's too (same readers).
        jdbc.update("delete from codev_step_note where session_id in (" + expired + ")", args);
        return jdbc.update("update codev_session set case_title = null, case_context = null, case_tried = null, "
                + "case_stakes = null, contract = null, synthesis = null, follow_up_report = null, "
                + "override_reason = null, cancel_reason = null where id in (" + expired + ") and (case_title is not null "
                + "or case_context is not null or synthesis is not null or follow_up_report is not null "
                + "or contract is not null)", args);
    }
}
