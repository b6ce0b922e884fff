package org.cohorte.codevelopment.service;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.cohorte.base.persistence.TransactionBound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link SessionChangedEvent} once per session and transaction. A step's completion changes the session
 * twice (the step's own writes, then the process entering the next step); each event makes every open board of the
 * session refresh after commit, so a second one would only repeat the same refresh on every participant's screen.
 */
@Component
public class SessionChanges {

    private static final Object PUBLISHED = new Object();

    private final ApplicationEventPublisher events;

    public SessionChanges(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void changed(UUID sessionId) {
        Set<UUID> published = TransactionBound.get(PUBLISHED, HashSet::new);
        if (!published.add(sessionId)) {
            return;
        }
        events.publishEvent(new SessionChangedEvent(sessionId));
    }
}
