package org.cohorte.identity.service;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** What an admin types to create or update a member; a mutable bean so that Vaadin's Binder can fill it. */
public class MemberForm {
    private String userId;
    private String firstName;
    private String lastName;
    private String email;
    private String password;
    private UUID organizationId;
    private String language = "fr";
    private Set<String> groups = new LinkedHashSet<>();

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(UUID organizationId) {
        this.organizationId = organizationId;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public Set<String> getGroups() {
        return groups;
    }

    public void setGroups(Set<String> groups) {
        this.groups = groups == null ? new LinkedHashSet<>() : new LinkedHashSet<>(groups);
    }
}
