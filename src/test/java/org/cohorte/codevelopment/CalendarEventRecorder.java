package org.cohorte.codevelopment;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cohorte.community.service.CommunityActivityScheduledEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the calendar events codevelopment publishes, so tests can check them. */
@Component
public class CalendarEventRecorder {

    private final List<CommunityActivityScheduledEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(CommunityActivityScheduledEvent event) {
        events.add(event);
    }

    public List<CommunityActivityScheduledEvent> of(UUID sourceId) {
        return events.stream().filter(e -> sourceId.equals(e.sourceId())).toList();
    }
}
