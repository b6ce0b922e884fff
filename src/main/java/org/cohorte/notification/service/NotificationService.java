package org.cohorte.notification.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.base.outbox.Outbox;
import org.cohorte.base.push.PushBus;
import org.cohorte.base.push.PushMessage;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.notification.domain.Notification;
import org.cohorte.notification.domain.NotificationRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notifications. Features call {@link #notify} inside their own transaction (so a rolled-back step
 * notifies nobody); each member reads only their own.
 */
@Service
public class NotificationService {

    /** Outbox kind of the e-mail that goes with an {@link #announce announcement}. */
    public static final String MAIL_KIND = "announcement";
    private static final int MAX_ARG = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationRepository notifications;
    private final CurrentUser currentUser;
    private final PushBus push;
    private final MemberService memberService;
    private final Outbox outbox;
    private final CohorteI18NProvider i18n;
    private final String publicUrl;

    public NotificationService(NotificationRepository notifications, CurrentUser currentUser, PushBus push,
                               MemberService memberService, Outbox outbox, CohorteI18NProvider i18n,
                               @Value("${cohorte.public-url:http://localhost:8080}") String publicUrl) {
        this.notifications = notifications;
        this.currentUser = currentUser;
        this.push = push;
        this.memberService = memberService;
        this.outbox = outbox;
        this.i18n = i18n;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /**
     * Something that concerns each recipient personally (they joined a group, a community, a session; a task waits
     * for them): the bell, as {@link #notify}, and an e-mail through the outbox in the recipient's language, with
     * the absolute link. Same transaction as the caller: a rolled-back change neither rings nor mails. Recipients
     * without an address get the bell only.
     */
    @Transactional
    public void announce(Collection<String> recipients, String messageKey, List<String> args, String link) {
        Set<String> to = new LinkedHashSet<>(recipients);
        to.remove(null);
        to.removeIf(String::isBlank);
        if (to.isEmpty()) {
            return;
        }
        notify(to, messageKey, args, link);
        // Languages and addresses of everyone at once: a committee or a community may be many people.
        Map<String, String> languages = memberService.languagesOf(to);
        Map<String, String> addresses = memberService.emailAddressesOf(to);
        Object[] values = (args == null ? List.<String>of() : args).toArray();
        for (String recipient : to) {
            String address = addresses.get(recipient);
            if (address == null) {
                continue;
            }
            Locale locale = CohorteI18NProvider.supported(languages.get(recipient));
            String text = i18n.getTranslation(messageKey, locale, values);
            String body = link == null ? text : text + "\n\n" + absolute(link);
            outbox.enqueue(MAIL_KIND, recipient, address,
                    i18n.getTranslation("notification.mail.subject", locale, text).replaceAll("\\s+", " "), body);
        }
    }

    /** The absolute address of an application route, for e-mail (from {@code cohorte.public-url}). */
    public String absolute(String route) {
        return publicUrl + "/" + (route.startsWith("/") ? route.substring(1) : route);
    }

    /**
     * Tells each recipient something: {@code messageKey} is an i18n key whose {0}, {1}... are {@code args};
     * {@code link} is a route in the application (for example "tasks/123"), or null.
     */
    @Transactional
    public void notify(Collection<String> recipients, String messageKey, List<String> args, String link) {
        String json = toJson(args);
        for (String recipient : new LinkedHashSet<>(recipients)) {
            if (recipient != null && !recipient.isBlank()) {
                notifications.save(new Notification(recipient, messageKey, json, link));
                // Each recipient's bells, on every node, refresh once this transaction commits.
                push.publish(PushMessage.USER, recipient);
            }
        }
    }

    @Transactional(readOnly = true)
    public long unreadCount() {
        return notifications.countByRecipientAndReadAtIsNull(currentUser.userId());
    }

    @Transactional(readOnly = true)
    public List<NotificationView> recent(int limit) {
        return notifications.findByRecipientOrderByCreatedAtDesc(currentUser.userId(), PageRequest.of(0, limit))
                .stream().map(NotificationService::view).toList();
    }

    /** Marks one of the current user's notifications read; someone else's is "not found". */
    @Transactional
    public void markRead(UUID id) {
        notifications.findByIdAndRecipient(id, currentUser.userId())
                .orElseThrow(() -> new NotFoundException("notification.error.notFound"))
                .markRead(EngineClock.now());
        push.publish(PushMessage.USER, currentUser.userId());
    }

    @Transactional
    public void markAllRead() {
        notifications.markAllRead(currentUser.userId(), EngineClock.now());
        // The same person's other tabs and devices show the same count.
        push.publish(PushMessage.USER, currentUser.userId());
    }


    private static NotificationView view(Notification n) {
        return new NotificationView(n.getId(), n.getMessageKey(), fromJson(n.getArgs()), n.getLink(), n.getCreatedAt(),
                n.isRead());
    }

    private static String toJson(List<String> args) {
        List<String> bounded = (args == null ? List.<String>of() : args).stream()
                .map(a -> a == null ? "" : a.length() > MAX_ARG ? a.substring(0, MAX_ARG) + "…" : a).toList();
        try {
            return JSON.writeValueAsString(bounded);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
