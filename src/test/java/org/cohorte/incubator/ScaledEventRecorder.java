package org.cohorte.incubator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cohorte.incubator.service.ExperimentScaledEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Remembers the scale events the incubator publishes, so tests can check what the performance feature gets. */
@Component
public class ScaledEventRecorder {

    private final List<ExperimentScaledEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    public void on(ExperimentScaledEvent event) {
        events.add(event);
    }

    public List<ExperimentScaledEvent> events() {
        return List.copyOf(events);
    }
}
