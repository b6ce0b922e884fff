package org.cohorte.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.outbox.Outbox;
import org.cohorte.base.outbox.OutboxMessage;
import org.cohorte.base.outbox.OutboxSender;
import org.cohorte.community.service.CommunityNotifier;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.DigestService;
import org.cohorte.identity.domain.OrganizationType;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.OrganizationService;
import org.cohorte.identity.service.Roles;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail goes through the outbox: written in the business transaction, sent after commit to a local SMTP sink
 * (GreenMail on the port application-test.properties names), retried while the sink is down, with absolute links;
 * digests once per member and day at 07:00 in each member's zone, however many "nodes" run the job at once.
 */
class MailOutboxIT extends IntegrationTest {

    @Autowired
    CommunityNotifier notifier;
    @Autowired
    CommunityService communities;
    @Autowired
    DigestService digests;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxSender sender;
    @Autowired
    MemberService members;
    @Autowired
    OrganizationService organizations;
    @Autowired
    TransactionTemplate transaction;

    GreenMail sink;
    CommunityFixture f;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        // Mail other tests queued (nobody reads it) is parked far ahead, so each run here sees only this test's.
        jdbc.update("update outbox_message set next_attempt_at = ? where sent_at is null",
                Instant.parse("9999-01-01T00:00:00Z").atOffset(java.time.ZoneOffset.UTC));
        sink = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        f = new CommunityFixture(data, communities);
    }

    @AfterEach
    void stopSink() {
        sink.stop();
    }

    @Test
    void an_event_is_e_mailed_only_after_its_transaction_commits_in_the_members_language_with_an_absolute_link() {
        data.setLanguage(f.colleague, "en");
        transaction.executeWithoutResult(s -> {
            notifier.notify(List.of(f.expert, f.colleague), f.facilitator, "community.notify.calledAll",
                    List.of("Télétravail"), "question/1");
            // Another "node" runs the sender while the click's transaction is still open: nothing to see yet.
            sender.sendDue();
            assertThat(to(f.expert)).isEmpty();
        });
        assertThat(outbox.messagesFor(f.expert)).singleElement().satisfies(m -> assertThat(m.sentAt()).isNull());

        sender.sendDue();

        MimeMessage french = single(f.expert);
        MimeMessage english = single(f.colleague);
        assertThat(subject(french)).isEqualTo("[Cohorte] Appel à tous : « Télétravail »");
        assertThat(subject(english)).isEqualTo("[Cohorte] Call to all: “Télétravail”");
        assertThat(text(french)).contains("https://cohorte.example.org/question/1").doesNotContain("\n/question");
        OutboxMessage row = outbox.messagesFor(f.expert).get(0);
        assertThat(row.sentAt()).isNotNull();
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(header(french, OutboxSender.ID_HEADER)).isEqualTo(row.id().toString());

        sender.sendDue();
        assertThat(to(f.expert)).as("sent once").hasSize(1);

        ClockUtil.setCurrentTime(Date.from(row.sentAt().plus(Duration.ofDays(29))));
        sender.purgeSent();
        assertThat(outbox.messagesFor(f.expert)).as("kept 30 days").hasSize(1);
        ClockUtil.setCurrentTime(Date.from(row.sentAt().plus(Duration.ofDays(31))));
        while (sender.purgeSent() > 0) {
            // slices of 500
        }
        assertThat(outbox.messagesFor(f.expert)).as("then forgotten").isEmpty();
    }

    @Test
    void a_server_that_is_down_sees_one_attempt_per_run_and_the_rest_of_the_batch_stays_due() {
        sink.stop();
        notifier.notify(List.of(f.expert, f.colleague, f.member), f.facilitator, "community.notify.calledAll",
                List.of("Lot"), "question/5");
        Instant before = Instant.now();
        sender.sendDue();
        List<OutboxMessage> mine = java.util.stream.Stream.of(f.expert, f.colleague, f.member)
                .map(u -> outbox.messagesFor(u).get(0)).toList();
        assertThat(mine).as("at most one of them tried in one run").filteredOn(m -> m.attempts() > 0).hasSizeLessThan(2);
        assertThat(mine).filteredOn(m -> m.attempts() == 0).as("the untried are due again at once, not leased")
                .isNotEmpty().allSatisfy(m -> assertThat(m.nextAttemptAt()).isBefore(before.plusSeconds(60)));
        assertThat(mine).allSatisfy(m -> assertThat(m.sentAt()).isNull());
    }

    @Test
    void a_rolled_back_transaction_sends_nothing() {
        transaction.executeWithoutResult(s -> {
            notifier.notify(List.of(f.expert), f.facilitator, "community.notify.calledAll", List.of("Annulé"),
                    "question/2");
            s.setRollbackOnly();
        });
        sender.sendDue();
        assertThat(outbox.messagesFor(f.expert)).isEmpty();
        assertThat(to(f.expert)).isEmpty();
    }

    @Test
    void mail_waits_while_the_mail_server_is_down_backs_off_and_goes_out_once_it_is_back() {
        sink.stop();
        Instant start = Instant.parse("2026-12-10T15:00:00Z");
        ClockUtil.setCurrentTime(Date.from(start));
        notifier.notify(List.of(f.expert), f.facilitator, "community.notify.calledAll", List.of("Panne"), "question/3");

        attemptUntilTried(f.expert, 1);
        OutboxMessage failed = outbox.messagesFor(f.expert).get(0);
        assertThat(failed.sentAt()).isNull();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isNotBlank();
        assertThat(failed.nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(1)));

        sender.sendDue();
        assertThat(outbox.messagesFor(f.expert).get(0).attempts()).as("not due before its back-off").isEqualTo(1);

        ClockUtil.setCurrentTime(Date.from(start.plusSeconds(61)));
        attemptUntilTried(f.expert, 2);
        OutboxMessage second = outbox.messagesFor(f.expert).get(0);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).as("doubled").isEqualTo(start.plusSeconds(61).plus(Duration.ofMinutes(2)));

        sink = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        ClockUtil.setCurrentTime(Date.from(start.plusSeconds(61 + 121)));
        sender.sendDue();
        assertThat(to(f.expert)).hasSize(1);
        OutboxMessage sent = outbox.messagesFor(f.expert).get(0);
        assertThat(sent.sentAt()).isEqualTo(start.plusSeconds(61 + 121));
        assertThat(sent.lastError()).isNull();
    }

    @Test
    void each_member_gets_one_digest_a_day_at_seven_in_their_own_zone_even_with_two_nodes_running_the_job() throws Exception {
        String paris = f.member;
        String montreal = f.colleague;
        data.as(paris, () -> members.updateMyProfile("Marc Paris", null, "fr", "Europe/Paris"));
        data.as(paris, () -> communities.setEmailDigest(f.community, true));
        data.as(montreal, () -> communities.setEmailDigest(f.community, true));
        // 2026-12-14 is in winter: Paris is UTC+1, Montréal UTC-5.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-14T04:00:00Z")));
        notifier.notify(List.of(paris, montreal), f.facilitator, "community.notify.calledAll", List.of("Lundi"),
                "question/4");
        assertThat(outbox.messagesFor(paris)).as("digest readers get no mail at once").isEmpty();

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-14T05:59:00Z")));
        twoNodesRunTheDigestJob();
        assertThat(digestsOf(paris)).as("06:59 in Paris").isEmpty();

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-14T06:00:00Z")));
        twoNodesRunTheDigestJob();
        assertThat(digestsOf(paris)).as("07:00 in Paris").hasSize(1);
        assertThat(digestsOf(montreal)).as("01:00 in Montréal").isEmpty();

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-14T11:59:00Z")));
        notifier.notify(List.of(paris, montreal), f.facilitator, "community.notify.answered", List.of("Lundi"),
                "question/4");
        twoNodesRunTheDigestJob();
        assertThat(digestsOf(montreal)).as("06:59 in Montréal").isEmpty();

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-14T12:00:00Z")));
        twoNodesRunTheDigestJob();
        twoNodesRunTheDigestJob();
        assertThat(digestsOf(montreal)).as("07:00 in Montréal, once").hasSize(1);
        assertThat(digestsOf(paris)).as("Paris's later line waits for tomorrow").hasSize(1);
        assertThat(digestsOf(montreal).get(0).body()).contains("Appel à tous : « Lundi »",
                "Nouvelle réponse à « Lundi »", "https://cohorte.example.org/question/4");

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-15T06:00:00Z")));
        twoNodesRunTheDigestJob();
        assertThat(digestsOf(paris)).as("next morning in Paris").hasSize(2);
        assertThat(digestsOf(paris).get(1).body()).contains("Nouvelle réponse à « Lundi »")
                .doesNotContain("Appel à tous");

        sender.sendDue();
        assertThat(to(paris)).hasSize(2);
        assertThat(to(montreal)).singleElement().satisfies(m ->
                assertThat(subject(m)).isEqualTo("[Cohorte] Votre résumé du jour (2 nouvelles)"));
    }

    @Test
    void a_member_without_a_zone_of_their_own_has_their_organizations() {
        String admin = data.user("admin", Roles.ADMIN);
        var organization = data.as(admin, () -> organizations.create("Ministère " + java.util.UUID.randomUUID(),
                null, OrganizationType.MINISTRY));
        data.as(admin, () -> organizations.setTimeZone(organization.getId(), "Europe/Paris"));
        data.as(f.member, () -> members.updateMyProfile("Marc", organization.getId(), "fr"));
        data.as(f.colleague, () -> members.updateMyProfile("Julie", organization.getId(), "fr", "America/Vancouver"));

        Map<String, ZoneId> zones = members.timeZonesOf(List.of(f.member, f.colleague, f.expert));
        assertThat(zones).containsEntry(f.member, ZoneId.of("Europe/Paris"))
                .containsEntry(f.colleague, ZoneId.of("America/Vancouver"))
                .containsEntry(f.expert, ZoneId.of("America/Montreal"));
    }

    /**
     * Runs the sender until the member's mail has been tried that many times: with the server down, each run tries
     * one mail and gives the rest of its batch back, and other tests' mail may be due before this one.
     */
    private void attemptUntilTried(String recipient, int attempts) {
        for (int run = 0; run < 10_000 && outbox.messagesFor(recipient).get(0).attempts() < attempts; run++) {
            assertThat(sender.sendDue()).as("nothing goes out while the server is down").isZero();
        }
    }

    /** Two nodes' digest jobs at the same instant (two threads released together). */
    private void twoNodesRunTheDigestJob() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<Integer> run = () -> {
                go.await();
                return digests.sendDigests();
            };
            List<Future<Integer>> runs = new ArrayList<>(List.of(nodes.submit(run), nodes.submit(run)));
            go.countDown();
            for (Future<Integer> r : runs) {
                r.get();
            }
        } finally {
            nodes.shutdown();
        }
    }

    private List<OutboxMessage> digestsOf(String recipient) {
        return outbox.messagesFor(recipient).stream().filter(m -> m.kind().equals("community-digest")).toList();
    }

    private List<MimeMessage> to(String userId) {
        return Arrays.stream(sink.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(userId + "@test.local");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private MimeMessage single(String userId) {
        List<MimeMessage> messages = to(userId);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name)[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
