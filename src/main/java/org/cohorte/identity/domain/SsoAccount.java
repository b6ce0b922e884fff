package org.cohorte.identity.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** A member created by single sign-on: the provider (issuer) and its stable id for the person (subject). */
@Entity
@Table(name = "sso_account")
public class SsoAccount {

    @Id
    @Column(name = "user_id", length = 64)
    private String userId;

    @Column(nullable = false, length = 500)
    private String issuer;

    @Column(nullable = false, length = 255)
    private String subject;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_sign_in_at", nullable = false)
    private Instant lastSignInAt;

    @Version
    private long version;

    protected SsoAccount() {
    }

    public SsoAccount(String userId, String issuer, String subject) {
        this.userId = userId;
        this.issuer = issuer;
        this.subject = subject;
        this.createdAt = EngineClock.now();
        this.lastSignInAt = createdAt;
    }

    public String getUserId() {
        return userId;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getSubject() {
        return subject;
    }

    public Instant getLastSignInAt() {
        return lastSignInAt;
    }

    public void signedIn() {
        this.lastSignInAt = EngineClock.now();
    }
}
