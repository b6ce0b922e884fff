package org.cohorte.identity.service;

/** One person as a people picker offers them: who (name), where (organization) and how to tell namesakes apart. */
public record PersonOption(String userId, String displayName, String organization, String email) {

    /** What the picker shows: "Name · Organization · e-mail", leaving out what is unknown. */
    public String label() {
        StringBuilder label = new StringBuilder(displayName == null ? userId : displayName);
        if (organization != null && !organization.isBlank()) {
            label.append(" · ").append(organization);
        }
        if (email != null && !email.isBlank()) {
            label.append(" · ").append(email);
        }
        return label.toString();
    }
}
