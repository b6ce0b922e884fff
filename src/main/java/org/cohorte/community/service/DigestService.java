package org.cohorte.community.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.cohorte.base.time.CohorteClock;
import org.cohorte.base.time.EngineClock;
import org.cohorte.community.domain.CommunityMail;
import org.cohorte.community.domain.CommunityMailRepository;
import org.cohorte.identity.service.MemberService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: members who chose it get one e-mail a day gathering their community events instead of one
 * e-mail each, at 07:00 in their own time zone (their profile's, else their organization's). Every node looks every
 * few minutes for members past 07:00 with pending lines and no digest today; each digest is composed in its own
 * transaction that first inserts {@code digest_run (recipient, local_date)}: a second node doing the same loses on
 * the primary key and rolls back, so a member gets one digest a day however many nodes run. The digest itself goes
 * through the outbox, written in that same transaction.
 */
@Service
public class DigestService {

    private static final Logger LOG = LoggerFactory.getLogger(DigestService.class);
    static final LocalTime SEND_AT = LocalTime.of(7, 0);

    private final CommunityMailRepository mails;
    private final CohorteClock clock;
    private final CommunityNotifier notifier;
    private final MemberService members;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final boolean scheduled;

    public DigestService(CommunityMailRepository mails, CommunityNotifier notifier, MemberService members,
                         JdbcTemplate jdbc, PlatformTransactionManager transactions, CohorteClock clock,
                         @Value("${cohorte.community.digest-scheduled:true}") boolean scheduled) {
        this.mails = mails;
        this.notifier = notifier;
        this.clock = clock;
        this.members = members;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        // Its own transaction per digest, whatever the caller runs in: one member's failure leaves the others sent.
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelayString = "${cohorte.community.digest-interval:5m}",
            initialDelayString = "${cohorte.community.digest-interval:5m}")
    public void scheduledDigest() {
        // Not while start-up data is written under a moved clock (it would compose digests for past days).
        if (scheduled && clock.isLive()) {
            try {
                sendDigests();
            } catch (RuntimeException e) {
                LOG.warn("Digest run failed: {}", e.toString());
            }
        }
    }

    /** Composes the digest of every member whose 07:00 has passed today and who has none yet; returns how many. */
    public int sendDigests() {
        Instant now = EngineClock.now();
        List<String> recipients = mails.findPendingRecipients();
        if (recipients.isEmpty()) {
            return 0;
        }
        Map<String, ZoneId> zones = members.timeZonesOf(recipients);
        int composed = 0;
        for (String recipient : recipients) {
            ZonedDateTime local = now.atZone(zones.get(recipient));
            if (local.toLocalTime().isBefore(SEND_AT)) {
                continue;
            }
            try {
                if (Boolean.TRUE.equals(tx.execute(s -> compose(recipient, local.toLocalDate(), now)))) {
                    composed++;
                }
            } catch (DataIntegrityViolationException e) {
                // Another node composed this member's digest for today at the same moment.
                LOG.debug("Digest of {} for {} already composed elsewhere", recipient, local.toLocalDate());
            }
        }
        return composed;
    }

    private boolean compose(String recipient, LocalDate day, Instant now) {
        Integer done = jdbc.queryForObject("select count(*) from digest_run where recipient = ? and local_date = ?",
                Integer.class, recipient, day);
        if (done != null && done > 0) {
            return false;
        }
        List<CommunityMail> lines = mails.findPendingFor(recipient, now);
        if (lines.isEmpty()) {
            return false;
        }
        // Before anything is marked: a concurrent node blocks here, then fails on the key once this one commits.
        jdbc.update("insert into digest_run (recipient, local_date, created_at) values (?, ?, ?)", recipient, day,
                now.atOffset(ZoneOffset.UTC));
        StringBuilder body = new StringBuilder(notifier.translate(recipient, "community.mail.digestIntro"))
                .append("\n\n");
        lines.forEach(line -> body.append("• ").append(line.getBody().replace("\n", "\n  ")).append('\n'));
        notifier.enqueueDigest(recipient, notifier.translate(recipient, "community.mail.digestSubject", lines.size()),
                body.toString());
        lines.forEach(CommunityMail::sent);
        mails.saveAll(lines);
        return true;
    }

    /** A member's digest lines, pending and sent (for tests and support). */
    @Transactional(readOnly = true)
    public List<CommunityMail> linesFor(String recipient) {
        return mails.findByRecipientOrderByCreatedAt(recipient);
    }
}
