package org.cohorte.codevelopment.service;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    @SuppressWarnings("unchecked")
    public void changed(UUID sessionId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Set<UUID> published = (Set<UUID>) TransactionSynchronizationManager.getResource(PUBLISHED);
            if (published == null) {
                Set<UUID> fresh = new HashSet<>();
                TransactionSynchronizationManager.bindResource(PUBLISHED, fresh);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(PUBLISHED);
                    }
                });
                published = fresh;
            }
            if (!published.add(sessionId)) {
                return;
            }
        }
        events.publishEvent(new SessionChangedEvent(sessionId));
    }
}
