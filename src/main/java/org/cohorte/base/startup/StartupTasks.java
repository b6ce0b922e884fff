package org.cohorte.base.startup;

import java.util.Comparator;
import java.util.List;

import org.cohorte.base.time.CohorteClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link StartupTask} before the web server opens its port (Spring Boot starts it in a later
 * lifecycle phase) and before the engine's job executor starts (on the context-refreshed event, after every
 * phase): nobody can sign in before the accounts exist, and nothing else runs while demo data is seeded. Then
 * the application's clock is declared live: from then on, it never moves.
 */
@Component
class StartupTasks implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTasks.class);
    /** Before Spring Boot's web server (Integer.MAX_VALUE - 2048) and graceful shutdown phases. */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    private final ObjectProvider<StartupTask> tasks;
    private final CohorteClock clock;
    private volatile boolean running;

    StartupTasks(ObjectProvider<StartupTask> tasks, CohorteClock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    @Override
    public void start() {
        List<StartupTask> ordered = tasks.orderedStream().sorted(Comparator.comparingInt(StartupTask::startupOrder)).toList();
        long started = System.nanoTime();
        for (StartupTask task : ordered) {
            task.runAtStartup();
        }
        clock.goLive();
        LOG.info("{} start-up task(s) done in {} ms; the application's clock is live", ordered.size(),
                (System.nanoTime() - started) / 1_000_000);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
