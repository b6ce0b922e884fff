package org.cohorte.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mail is never lost: the packaged application on PostgreSQL sends through a local SMTP sink (GreenMail, in this
 * JVM) while questions are asked through the work API. The node is {@code kill -9}ed right after a burst (mail being
 * sent), the sink is stopped, the node restarts and more questions are asked while the sink is down; then the sink
 * comes back. Every outbox row must end up sent and received (matched by the {@code X-Cohorte-Outbox-Id} header),
 * and every acknowledged question must have reached its facilitators. Repeats are allowed (delivery is at-least-once:
 * a mail sent just before the kill but not yet marked is sent again after its lease) and counted.
 * Ports: {@code -Dfaults.mail.port} (18101, the node) and {@code -Dfaults.mail.smtp-port} (18102, the sink).
 */
@Tag("faults")
class MailOutboxFaultsIT {

    static final int PER_PHASE = Integer.getInteger("faults.mail.questions", 25);
    static final int SMTP_PORT = Integer.getInteger("faults.mail.smtp-port", 18102);
    static final Duration LEASE = Duration.ofSeconds(15);
    static final int BATCH = 10;

    final ApiClient api = new ApiClient(() -> this.jdbc);
    final List<MimeMessage> received = new ArrayList<>();
    AppNode node;
    JdbcTemplate jdbc;
    GreenMail sink;

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.stop();
        }
        if (sink != null) {
            sink.stop();
        }
    }

    @Test
    void every_mail_arrives_after_a_kill_9_and_a_mail_server_outage() throws Exception {
        FaultsDatabase db = FaultsDatabase.fresh("cohorte_faults_mail");
        jdbc = db.jdbc();
        startSink();
        node = new AppNode("mail", Integer.getInteger("faults.mail.port", 18101), db.url(),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT,
                "--cohorte.outbox.interval=1s", "--cohorte.outbox.lease=" + LEASE.toSeconds() + "s",
                "--cohorte.outbox.first-retry=2s", "--cohorte.outbox.max-retry=8s",
                "--cohorte.outbox.batch-size=" + BATCH);
        node.start();
        node.awaitUp(Duration.ofMinutes(5));
        UUID community = communityId();
        Map<String, UUID> asked = new HashMap<>();

        // 1. A burst while mail flows, then kill -9 at once: some mail is sent and not yet marked, or claimed.
        ask(community, "avant", asked);
        node.kill();
        // Claimed and not marked sent when it died: the only mail that may arrive twice.
        long claimedAtKill = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null "
                + "and next_attempt_at > now()", Long.class);
        long sentBeforeKill = receivedNow();
        System.out.printf("FAULTS mail: killed with %d mails received, %d claimed and unmarked%n", sentBeforeKill,
                claimedAtKill);

        // 2. The mail server goes down; the node comes back and people keep asking.
        received.addAll(List.of(sink.getReceivedMessages()));
        sink.stop();
        node.start();
        node.awaitUp(Duration.ofMinutes(5));
        ask(community, "pendant", asked);
        Thread.sleep(LEASE.toMillis());
        Integer failedAttempts = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null "
                + "and last_error is not null", Integer.class);
        long pendingDuringOutage = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null",
                Long.class);
        assertThat(pendingDuringOutage).as("mail waits while the server is down").isPositive();

        // 3. The mail server is back: everything drains.
        long back = System.nanoTime();
        startSink();
        long deadline = back + Duration.ofMinutes(3).toNanos();
        while (jdbc.queryForObject("select count(*) from outbox_message where sent_at is null", Long.class) > 0) {
            assertThat(System.nanoTime()).as("outbox drained within 3 minutes").isLessThan(deadline);
            Thread.sleep(250);
        }
        long drainMillis = (System.nanoTime() - back) / 1_000_000;
        received.addAll(List.of(sink.getReceivedMessages()));

        List<String> expected = jdbc.queryForList("select id::text from outbox_message", String.class);
        Map<String, Integer> copies = new HashMap<>();
        Map<String, String> subjects = new HashMap<>();
        for (MimeMessage m : received) {
            String id = m.getHeader("X-Cohorte-Outbox-Id")[0];
            copies.merge(id, 1, Integer::sum);
            subjects.put(id, m.getSubject());
        }
        int duplicates = copies.values().stream().mapToInt(c -> c - 1).sum();
        System.out.printf("FAULTS mail summary: questions=%d expected=%d received=%d distinct=%d duplicates=%d "
                        + "pending-during-outage=%d failed-during-outage=%d drain-ms=%d lease-s=%d%n", asked.size(),
                expected.size(), received.size(), copies.size(), duplicates, pendingDuringOutage, failedAttempts,
                drainMillis, LEASE.toSeconds());

        assertThat(copies.keySet()).as("every outbox row received, nothing else").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(duplicates).as("repeats only for mail claimed when the node died").isLessThanOrEqualTo((int) claimedAtKill);
        for (String title : asked.keySet()) {
            assertThat(subjects.values()).as("a facilitator was told of " + title).anyMatch(s -> s.contains(title));
        }
    }

    private void ask(UUID community, String phase, Map<String, UUID> asked) {
        for (int i = 0; i < PER_PHASE; i++) {
            String title = "Courriel " + phase + " " + i;
            String key = "mail-" + phase + "-" + i;
            asked.put(title, api.ask(node.baseUrl(), "membre", community, title, "Une question qui fait écrire.", key));
        }
    }

    private long receivedNow() {
        return sink.getReceivedMessages().length;
    }

    private void startSink() {
        sink = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
    }

    private UUID communityId() {
        return api.demoCommunity(node.baseUrl(), "membre");
    }
}
