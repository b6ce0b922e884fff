package org.cohorte.identity.service;

import java.util.UUID;

/** An organization as other features see it: its id, name and list label, not its entity. */
public record OrganizationRef(UUID id, String name, String label) {
}
