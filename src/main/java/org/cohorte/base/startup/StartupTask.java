package org.cohorte.base.startup;

/**
 * Work the application does once at start-up, before it serves anyone and before the engine's job executor
 * runs: roles and the first administrator, demo data. Tasks run in ascending {@link #startupOrder()}.
 */
public interface StartupTask {

    /** Lower runs first. */
    int startupOrder();

    void runAtStartup();
}
