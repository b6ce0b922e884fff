package org.cohorte.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.cohorte.base.time.EngineClock;

/** An e-mail line waiting for a member's daily digest. */
@Entity
@Table(name = "community_mail")
public class CommunityMail {

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String recipient;

    @Column(nullable = false, length = 300)
    private String subject;

    @Column(nullable = false, length = 4000)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected CommunityMail() {
    }

    public CommunityMail(String recipient, String subject, String body) {
        this.id = UUID.randomUUID();
        this.recipient = recipient;
        this.subject = subject.length() > 300 ? subject.substring(0, 299) + "…" : subject;
        this.body = body.length() > 4000 ? body.substring(0, 3999) + "…" : body;
        this.createdAt = EngineClock.now();
    }

    public void sent() {
        this.sentAt = EngineClock.now();
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
