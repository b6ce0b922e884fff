package org.cohorte.codevelopment.ui;

import java.util.UUID;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import org.cohorte.base.push.PushBus;
import org.cohorte.base.push.PushMessage;
import org.cohorte.codevelopment.service.SessionChangedEvent;
import org.springframework.context.event.EventListener;

/**
 * Tells the open boards of a session, on every node, that it changed, once the change is committed: the change
 * goes on the cluster {@link PushBus} inside its own transaction. Each board then refreshes itself through
 * {@code UI.access} (server push), as its own user.
 */
@org.springframework.stereotype.Component
public class SessionBroadcaster {

    private final PushBus bus;

    public SessionBroadcaster(PushBus bus) {
        this.bus = bus;
    }

    /** A raw listener (runs on a push thread); remove it when done. */
    public Registration register(UUID sessionId, Runnable listener) {
        return bus.subscribe(PushMessage.SESSION, sessionId.toString(), listener);
    }

    /** Keeps {@code board} informed of {@code sessionId} while it is attached; see {@link PushBus#follow}. */
    public Registration follow(Component board, UUID sessionId, Command onChange) {
        return bus.follow(board, PushMessage.SESSION, sessionId.toString(), onChange);
    }

    public int listenerCount(UUID sessionId) {
        return bus.listenerCount(PushMessage.SESSION, sessionId.toString());
    }

    /** In the changing transaction (not after it): the bus makes it leave with the commit, or not at all. */
    @EventListener
    public void onSessionChanged(SessionChangedEvent event) {
        bus.publish(PushMessage.SESSION, event.sessionId().toString());
    }
}
