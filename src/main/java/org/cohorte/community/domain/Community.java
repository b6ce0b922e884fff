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
}
