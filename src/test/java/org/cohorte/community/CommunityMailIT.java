package org.cohorte.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.community.domain.CommunityMailRepository;
import org.cohorte.community.service.CommunityNotifier;
import org.cohorte.community.service.CommunityService;
import org.cohorte.community.service.DigestService;
import org.cohorte.identity.service.MemberService;
import org.cohorte.notification.service.NotificationService;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With a mail server configured (here a recording JavaMailSender handed to the notifier, the shared context keeps
 * none): one e-mail per event in the member's language, or, for members who chose it, one digest a day.
 */
class CommunityMailIT extends IntegrationTest {

    @Autowired
    NotificationService notifications;
    @Autowired
    CommunityMailRepository mails;
    @Autowired
    CommunityService communities;
    @Autowired
    MemberService members;
    @Autowired
    IdentityService identityService;
    @Autowired
    CohorteI18NProvider i18n;

    final List<SimpleMailMessage> sent = new ArrayList<>();
    CommunityNotifier notifier;
    DigestService digests;
    CommunityFixture f;

    @BeforeEach
    void setUp() {
        JavaMailSender recorder = new JavaMailSenderImpl() {
            @Override
            public void send(SimpleMailMessage... messages) {
                sent.addAll(List.of(messages));
            }
        };
        ObjectProvider<JavaMailSender> provider = new ObjectProvider<>() {
            @Override
            public JavaMailSender getObject(Object... args) {
                return recorder;
            }

            @Override
            public JavaMailSender getIfAvailable() {
                return recorder;
            }

            @Override
            public JavaMailSender getIfUnique() {
                return recorder;
            }

            @Override
            public JavaMailSender getObject() {
                return recorder;
            }
        };
        notifier = new CommunityNotifier(notifications, mails, communities, members, identityService, i18n, provider);
        digests = new DigestService(mails, notifier);
        f = new CommunityFixture(data, communities);
    }

    @Test
    void each_event_is_e_mailed_at_once_in_the_members_language_unless_they_chose_the_daily_digest() {
        data.setLanguage(f.colleague, "en");
        data.as(f.member, () -> communities.setEmailDigest(f.community, true));
        notifier.notify(List.of(f.expert, f.colleague, f.member), f.facilitator, "community.notify.calledAll",
                List.of("Télétravail"), "question/1");

        assertThat(sent).extracting(m -> m.getTo()[0]).containsExactlyInAnyOrder(f.expert + "@test.local", f.colleague + "@test.local");
        SimpleMailMessage english = sent.stream().filter(m -> m.getTo()[0].startsWith(f.colleague)).findFirst().orElseThrow();
        assertThat(english.getSubject()).isEqualTo("[Cohorte] Call to all: “Télétravail”");
        SimpleMailMessage french = sent.stream().filter(m -> m.getTo()[0].startsWith(f.expert)).findFirst().orElseThrow();
        assertThat(french.getSubject()).isEqualTo("[Cohorte] Appel à tous : « Télétravail »");
        assertThat(french.getText()).contains("/question/1");

        sent.clear();
        notifier.notify(List.of(f.member), null, "community.notify.answered", List.of("Télétravail"), "question/1");
        assertThat(sent).as("the digest member gets nothing at once").isEmpty();

        Instant morning = Instant.parse("2026-04-02T11:00:00Z");
        ClockUtil.setCurrentTime(Date.from(morning));
        digests.sendDigests();
        List<SimpleMailMessage> digest = sent.stream().filter(m -> m.getTo()[0].startsWith(f.member)).toList();
        assertThat(digest).hasSize(1);
        assertThat(digest.get(0).getSubject()).isEqualTo("[Cohorte] Votre résumé du jour (2 nouvelles)");
        assertThat(digest.get(0).getText()).contains("Appel à tous : « Télétravail »", "Nouvelle réponse à « Télétravail »");
        sent.clear();
        digests.sendDigests();
        assertThat(sent.stream().filter(m -> m.getTo()[0].startsWith(f.member))).as("sent once").isEmpty();
    }
}
