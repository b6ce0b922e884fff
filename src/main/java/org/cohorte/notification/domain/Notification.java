package org.cohorte.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.persistence.AssignedIdEntity;
import org.cohorte.base.time.EngineClock;

/** One in-app notification: an i18n key and its arguments, rendered in the recipient's language. */
@Entity
@Table(name = "notification")
public class Notification extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String recipient;

    @Column(name = "message_key", nullable = false, length = 200)
    private String messageKey;

    /** The arguments as a JSON array of strings. */
    @Column(nullable = false, length = 4000)
    private String args;

    @Column(length = 500)
    private String link;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
    }

    public Notification(String recipient, String messageKey, String args, String link) {
        this.id = UUID.randomUUID();
        this.recipient = recipient;
        this.messageKey = messageKey;
        this.args = args;
        this.link = link;
        this.createdAt = EngineClock.now();
    }

    @Override
    public UUID getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getMessageKey() {
        return messageKey;
    }

    public String getArgs() {
        return args;
    }

    public String getLink() {
        return link;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getReadAt() {
        return readAt;
    }

    public boolean isRead() {
        return readAt != null;
    }

    public void markRead(Instant when) {
        if (readAt == null) {
            readAt = when;
        }
    }
}
