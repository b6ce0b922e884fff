package org.cohorte.codevelopment.service;

import java.util.UUID;

/** Something visible on a session's board changed; boards listening for this session refresh. */
public record SessionChangedEvent(UUID sessionId) {
}
