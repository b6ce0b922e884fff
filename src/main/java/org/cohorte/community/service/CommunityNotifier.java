package org.cohorte.community.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.community.domain.CommunityMail;
import org.cohorte.community.domain.CommunityMailRepository;
import org.cohorte.identity.service.MemberService;
import org.cohorte.notification.service.NotificationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells people about community events: always in the application, and by e-mail when a mail server is
 * configured ({@code spring.mail.host}): at once, or queued for the daily digest when the member chose it.
 */
@Component
public class CommunityNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(CommunityNotifier.class);

    private final NotificationService notifications;
    private final CommunityMailRepository mails;
    private final CommunityService communityService;
    private final MemberService memberService;
    private final IdentityService identityService;
    private final CohorteI18NProvider i18n;
    private final ObjectProvider<JavaMailSender> mailSender;

    public CommunityNotifier(NotificationService notifications, CommunityMailRepository mails,
                             CommunityService communityService, MemberService memberService,
                             IdentityService identityService, CohorteI18NProvider i18n,
                             ObjectProvider<JavaMailSender> mailSender) {
        this.notifications = notifications;
        this.mails = mails;
        this.communityService = communityService;
        this.memberService = memberService;
        this.identityService = identityService;
        this.i18n = i18n;
        this.mailSender = mailSender;
    }

    /** Notifies each recipient (except {@code actor}, who did it) of one event. */
    public void notify(Collection<String> recipients, String actor, String key, List<String> args, String link) {
        Set<String> to = new LinkedHashSet<>(recipients);
        to.remove(null);
        if (actor != null) {
            to.remove(actor);
        }
        if (to.isEmpty()) {
            return;
        }
        notifications.notify(to, key, args, link);
        // Each recipient's language and digest choice, read for all of them at once (a community has hundreds).
        Map<String, String> languages = memberService.languagesOf(to);
        Set<String> digest = communityService.digestReaders(to);
        for (String recipient : to) {
            Locale locale = CohorteI18NProvider.supported(languages.get(recipient));
            String text = i18n.getTranslation(key, locale, args.toArray());
            if (digest.contains(recipient)) {
                mails.save(new CommunityMail(recipient, text, text + (link == null ? "" : "\n/" + link)));
            } else {
                send(recipient, i18n.getTranslation("community.mail.subject", locale, text), text
                        + (link == null ? "" : "\n\n/" + link));
            }
        }
    }

    /** Sends an e-mail when a mail server is configured and the member has an address; never fails the caller. */
    boolean send(String recipient, String subject, String body) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return false;
        }
        User user = identityService.createUserQuery().userId(recipient).singleResult();
        if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("cohorte@cohorte.local");
        message.setTo(user.getEmail());
        message.setSubject(subject.length() > 200 ? subject.substring(0, 199) + "…" : subject);
        message.setText(body);
        try {
            sender.send(message);
            return true;
        } catch (MailException e) {
            LOG.warn("Could not e-mail {}: {}", recipient, e.getMessage());
            return false;
        }
    }

    String translate(String recipient, String key, Object... args) {
        return i18n.getTranslation(key, CohorteI18NProvider.supported(safeLanguage(recipient)), args);
    }

    private String safeLanguage(String userId) {
        return memberService.languageOf(userId);
    }

    static Map<String, List<CommunityMail>> byRecipient(List<CommunityMail> pending) {
        return pending.stream().collect(Collectors.groupingBy(CommunityMail::getRecipient,
                java.util.LinkedHashMap::new, Collectors.toList()));
    }
}
