package org.cohorte.base.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.cohorte.base.time.CohorteClock;
import org.cohorte.base.time.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox e-mail, on every node, every few seconds. Each batch is claimed in a short transaction
 * ({@code FOR UPDATE SKIP LOCKED}: two nodes never claim the same row) that pushes the rows' next attempt one
 * lease ahead; then each mail is sent outside any transaction and marked sent, or rescheduled with exponential
 * back-off and its error (the rest of the batch is given back: a server that is down sees one attempt per run; so
 * is what is left when half the lease has gone by on a slow server). A node that dies between claim and mark leaves its rows due again when the lease ends,
 * so delivery is at-least-once: a mail sent just before a crash is sent again. Each carries
 * {@code X-Cohorte-Outbox-Id} so a receiver can tell a repeat. Without a mail server ({@code spring.mail.host}
 * unset) nothing is claimed: rows stay pending until one is configured.
 */
@Component
public class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    public static final String ID_HEADER = "X-Cohorte-Outbox-Id";

    private final JdbcTemplate jdbc;
    private final CohorteClock clock;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final TransactionTemplate tx;
    private final boolean scheduled;
    private final Duration lease;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final int batchSize;
    private final String from;
    private final Duration keepSent;

    public OutboxSender(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> mailSender,
                        PlatformTransactionManager transactions, CohorteClock clock,
                        @Value("${cohorte.outbox.scheduled:true}") boolean scheduled,
                        @Value("${cohorte.outbox.lease:5m}") Duration lease,
                        @Value("${cohorte.outbox.first-retry:1m}") Duration firstRetry,
                        @Value("${cohorte.outbox.max-retry:1h}") Duration maxRetry,
                        @Value("${cohorte.outbox.batch-size:50}") int batchSize,
                        @Value("${cohorte.mail.from:cohorte@cohorte.local}") String from,
                        @Value("${cohorte.outbox.keep-sent:30d}") Duration keepSent) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.scheduled = scheduled;
        this.lease = lease;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.batchSize = batchSize;
        this.from = from;
        this.keepSent = keepSent;
    }

    @Scheduled(fixedDelayString = "${cohorte.outbox.interval:5s}", initialDelayString = "${cohorte.outbox.interval:5s}")
    public void scheduledRun() {
        // Not while start-up data is written under a moved clock: sent_at would be in the past (and soon purged).
        if (scheduled && clock.isLive()) {
            try {
                sendDue();
                purgeSent();
            } catch (RuntimeException e) {
                // The database may be briefly away (failover, restart): the next run tries again.
                LOG.warn("Outbox run failed: {}", e.toString());
            }
        }
    }

    /** Sends every due e-mail; returns how many went out. */
    public int sendDue() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        while (true) {
            List<OutboxMessage> batch = claim();
            long started = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                if (deliver(sender, batch.get(i))) {
                    sent++;
                } else {
                    // The server is probably down: one failure per run, not fifty; the rest are due again at once.
                    release(batch.subList(i + 1, batch.size()));
                    return sent;
                }
                if (System.nanoTime() - started > lease.toNanos() / 2) {
                    // A slow server: give the rest back well before their lease ends, so no other node sends them
                    // while this one still might.
                    release(batch.subList(i + 1, batch.size()));
                    return sent;
                }
            }
            if (batch.size() < batchSize) {
                return sent;
            }
        }
    }

    /** Forgets mail sent more than {@code cohorte.outbox.keep-sent} ago (30 days), a bounded slice per run. */
    public int purgeSent() {
        Instant before = EngineClock.now().minus(keepSent);
        return tx.execute(s -> jdbc.update("delete from outbox_message where id in (select id from outbox_message "
                + "where sent_at < ? fetch first 500 rows only)", Outbox.at(before)));
    }

    private void release(List<OutboxMessage> unsent) {
        if (!unsent.isEmpty()) {
            Instant now = EngineClock.now();
            tx.executeWithoutResult(s -> unsent.forEach(m -> jdbc.update("update outbox_message "
                    + "set next_attempt_at = ? where id = ? and sent_at is null", Outbox.at(now), m.id())));
        }
    }

    private List<OutboxMessage> claim() {
        return tx.execute(status -> {
            Instant now = EngineClock.now();
            List<OutboxMessage> due = jdbc.query("select " + Outbox.COLUMNS + " from outbox_message "
                            + "where sent_at is null and next_attempt_at <= ? order by next_attempt_at "
                            + "fetch first " + batchSize + " rows only for update skip locked",
                    Outbox.MAPPER, Outbox.at(now));
            due.forEach(m -> jdbc.update("update outbox_message set next_attempt_at = ? where id = ?",
                    Outbox.at(now.plus(lease)), m.id()));
            return due;
        });
    }

    private boolean deliver(JavaMailSender sender, OutboxMessage message) {
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
            helper.setFrom(from);
            helper.setTo(message.toAddress());
            helper.setSubject(message.subject());
            helper.setText(message.body());
            mime.setHeader(ID_HEADER, message.id().toString());
            sender.send(mime);
        } catch (Exception e) {
            int attempts = message.attempts() + 1;
            Instant next = EngineClock.now().plus(backOff(attempts));
            String error = String.valueOf(NestedExceptionUtils.getMostSpecificCause(e));
            LOG.warn("Could not send e-mail {} (attempt {}), next at {}: {}", message.id(), attempts, next, error);
            tx.executeWithoutResult(s -> jdbc.update("update outbox_message set attempts = attempts + 1, "
                    + "next_attempt_at = ?, last_error = ? where id = ? and sent_at is null", Outbox.at(next), Outbox.cut(error, 1000), message.id()));
            return false;
        }
        tx.executeWithoutResult(s -> jdbc.update("update outbox_message set attempts = attempts + 1, sent_at = ?, "
                + "last_error = null where id = ?", Outbox.at(EngineClock.now()), message.id()));
        return true;
    }

    /** 1st failure: firstRetry, then doubling, never more than maxRetry (1 min, 2, 4 ... 1 h by default). */
    Duration backOff(int attempts) {
        Duration delay = firstRetry;
        for (int i = 1; i < attempts && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }
}
