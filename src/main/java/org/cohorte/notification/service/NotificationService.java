package org.cohorte.notification.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.push.PushBus;
import org.cohorte.base.push.PushMessage;
import org.cohorte.base.time.EngineClock;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.notification.domain.Notification;
import org.cohorte.notification.domain.NotificationRepository;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notifications. Features call {@link #notify} inside their own transaction (so a rolled-back step
 * notifies nobody); each member reads only their own.
 */
@Service
public class NotificationService {

    private static final int MAX_ARG = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationRepository notifications;
    private final CurrentUser currentUser;
    private final PushBus push;

    public NotificationService(NotificationRepository notifications, CurrentUser currentUser, PushBus push) {
        this.notifications = notifications;
        this.currentUser = currentUser;
        this.push = push;
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
