package org.cohorte.codevelopment.ui;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import com.vaadin.flow.shared.Registration;
import org.cohorte.codevelopment.service.SessionChangedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the open boards of a session that it changed, once the change is committed. Each board then
 * refreshes itself through {@code UI.access} (server push), as its own user.
 */
@Component
public class SessionBroadcaster {

    private final Map<UUID, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    public Registration register(UUID sessionId, Runnable listener) {
        listeners.computeIfAbsent(sessionId, id -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> {
            Set<Runnable> set = listeners.get(sessionId);
            if (set != null) {
                set.remove(listener);
            }
        };
    }

    public int listenerCount(UUID sessionId) {
        return listeners.getOrDefault(sessionId, Set.of()).size();
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void onSessionChanged(SessionChangedEvent event) {
        listeners.getOrDefault(event.sessionId(), Set.of()).forEach(Runnable::run);
    }
}
