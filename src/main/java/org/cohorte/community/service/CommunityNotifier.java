package org.cohorte.community.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.outbox.Outbox;
import org.cohorte.base.outbox.OutboxSender;
import org.cohorte.community.domain.CommunityMail;
import org.cohorte.community.domain.CommunityMailRepository;
import org.cohorte.identity.service.MemberService;
import org.cohorte.notification.service.NotificationService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells people about community events: always in the application, and by e-mail, at once or gathered in the daily
 * digest when the member chose it. E-mail is written to the outbox in the caller's transaction and sent after commit
 * by {@link OutboxSender}; links are absolute, from {@code cohorte.public-url}.
 */
@Component
public class CommunityNotifier {

    static final String KIND_EVENT = "community-event";
    static final String KIND_DIGEST = "community-digest";

    private final NotificationService notifications;
    private final CommunityMailRepository mails;
    private final CommunityService communityService;
    private final MemberService memberService;
    private final CohorteI18NProvider i18n;
    private final Outbox outbox;
    private final String publicUrl;

    public CommunityNotifier(NotificationService notifications, CommunityMailRepository mails,
                             CommunityService communityService, MemberService memberService,
                             CohorteI18NProvider i18n, Outbox outbox,
                             @Value("${cohorte.public-url:http://localhost:8080}") String publicUrl) {
        this.notifications = notifications;
        this.mails = mails;
        this.communityService = communityService;
        this.memberService = memberService;
        this.i18n = i18n;
        this.outbox = outbox;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
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
        // Each recipient's language, digest choice and address, read for all of them at once (a community has
        // hundreds).
        Map<String, String> languages = memberService.languagesOf(to);
        Set<String> digest = communityService.digestReaders(to);
        Map<String, String> addresses = addressesOf(to);
        String url = link == null ? "" : "\n\n" + link(link);
        for (String recipient : to) {
            Locale locale = CohorteI18NProvider.supported(languages.get(recipient));
            String text = i18n.getTranslation(key, locale, args.toArray());
            if (digest.contains(recipient)) {
                mails.save(new CommunityMail(recipient, text, text + (link == null ? "" : "\n" + link(link))));
            } else if (addresses.containsKey(recipient)) {
                outbox.enqueue(KIND_EVENT, recipient, addresses.get(recipient),
                        i18n.getTranslation("community.mail.subject", locale, text), text + url);
            }
        }
    }

    /** The absolute address of an application route ("question/…"), for e-mail. */
    public String link(String route) {
        return publicUrl + "/" + (route.startsWith("/") ? route.substring(1) : route);
    }

    /** Queues one digest e-mail in the caller's transaction; false when the member has no address. */
    boolean enqueueDigest(String recipient, String subject, String body) {
        String address = addressesOf(List.of(recipient)).get(recipient);
        if (address == null) {
            return false;
        }
        outbox.enqueue(KIND_DIGEST, recipient, address, subject, body);
        return true;
    }

    private Map<String, String> addressesOf(Collection<String> userIds) {
        return memberService.emailAddressesOf(userIds);
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
