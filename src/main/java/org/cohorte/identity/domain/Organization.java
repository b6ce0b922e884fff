package org.cohorte.identity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.cohorte.base.time.EngineClock;

@Entity
@Table(name = "organization")
public class Organization {

    @Id
    private UUID id;

    @NotBlank(message = "{identity.organization.name.required}")
    @Size(max = 200, message = "{identity.organization.name.size}")
    @Column(nullable = false, length = 200)
    private String name;

    @Size(max = 30, message = "{identity.organization.acronym.size}")
    @Column(length = 30)
    private String acronym;

    @NotNull(message = "{identity.organization.type.required}")
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private OrganizationType type;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Where its members' days begin (daily digest at 07:00) unless a member chose another zone. */
    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone = DEFAULT_TIME_ZONE;

    @Version
    private long version;

    public static final String DEFAULT_TIME_ZONE = "America/Montreal";

    protected Organization() {
    }

    public Organization(String name, String acronym, OrganizationType type) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.acronym = acronym;
        this.type = type;
        this.createdAt = EngineClock.now();
    }

    /** A blank organization for a creation form. */
    public static Organization blank() {
        return new Organization(null, null, OrganizationType.MINISTRY);
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
    }

    public String getAcronym() {
        return acronym;
    }

    public void setAcronym(String acronym) {
        this.acronym = acronym;
    }

    public OrganizationType getType() {
        return type;
    }

    public void setType(OrganizationType type) {
        this.type = type;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }

    /** Short label for lists: the acronym when there is one. */
    public String getLabel() {
        return acronym == null || acronym.isBlank() ? name : acronym + " — " + name;
    }
}
