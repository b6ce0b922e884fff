package org.cohorte.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.cohorte.base.time.EngineClock;

/** A community of practice ("communauté de pratique"). */
@Entity
@Table(name = "community")
public class Community {

    @Id
    private UUID id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 500)
    private String theme;

    @Column(length = 20000)
    private String charter;

    @Column(name = "open_to_all", nullable = false)
    private boolean openToAll;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sponsor_id", length = 64)
    private String sponsorId;

    /** Hours after posting by which the first answer is due (the promise), and when the reminder goes. */
    @Column(name = "answer_hours", nullable = false)
    private int answerHours = 24;

    @Column(name = "reminder_hours", nullable = false)
    private int reminderHours = 20;

    @Version
    private long version;

    protected Community() {
    }

    public Community(String name, String theme, String charter, boolean openToAll) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.theme = theme;
        this.charter = charter;
        this.openToAll = openToAll;
        this.createdAt = EngineClock.now();
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getTheme() {
        return theme;
    }

    public String getCharter() {
        return charter;
    }

    public boolean isOpenToAll() {
        return openToAll;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getSponsorId() {
        return sponsorId;
    }

    public void setSponsorId(String sponsorId) {
        this.sponsorId = sponsorId;
    }

    public int getAnswerHours() {
        return answerHours;
    }

    public int getReminderHours() {
        return reminderHours;
    }

    public void setPromise(int answerHours, int reminderHours) {
        this.answerHours = answerHours;
        this.reminderHours = reminderHours;
    }

    public void describe(String theme, String charter, boolean openToAll) {
        this.theme = theme;
        this.charter = charter;
        this.openToAll = openToAll;
    }

    public long getVersion() {
        return version;
    }
}
