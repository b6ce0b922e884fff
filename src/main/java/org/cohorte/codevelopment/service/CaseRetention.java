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
 * cancelled more than {@code cohorte.privacy.closed-case-retention} ago (2 years by default) loses its case: the
 * client's text, contract, synthesis and follow-up, the questions, answers and contributions about it and the
 * client's actions. What remains is that the session took place, when and with whom (the rotation counts on it).
 * A member who left is pseudonymised at once; their cases follow this same rule. Any node may run it: it is one
 * idempotent update.
 */
@Component
public class CaseRetention {

    private static final Logger LOG = LoggerFactory.getLogger(CaseRetention.class);
    private static final String EXPIRED = "select id from codev_session where status in ('CLOSED', 'CANCELLED') "
            + "and coalesce(closed_at, scheduled_at) < ?";

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

    /** Erases the cases of sessions ended before the retention period; how many sessions lost text. */
    @Transactional
    public int eraseExpiredCases() {
        Timestamp before = Timestamp.from(clock.instant().minus(retention));
        jdbc.update("delete from codev_entry where session_id in (" + EXPIRED + ")", before);
        jdbc.update("delete from codev_action where session_id in (" + EXPIRED + ")", before);
        int sessions = jdbc.update("update codev_session set case_title = null, case_context = null, case_tried = null, "
                + "case_stakes = null, contract = null, synthesis = null, follow_up_report = null, "
                + "override_reason = null, cancel_reason = null where id in (" + EXPIRED + ") and (case_title is not null "
                + "or case_context is not null or synthesis is not null or follow_up_report is not null "
                + "or contract is not null)", before);
        if (sessions > 0) {
            LOG.info("Erased the confidential case of {} sessions ended more than {} ago", sessions, retention);
        }
        return sessions;
    }
}
