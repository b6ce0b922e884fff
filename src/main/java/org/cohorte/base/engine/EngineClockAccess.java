package org.cohorte.base.engine;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock ({@code ClockUtil}, an internal class), read and moved only through here so that
 * {@code base.time} keeps to the engine's public API.
 */
public final class EngineClockAccess {

    private EngineClockAccess() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public static void set(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Back to the system's time. */
    public static void reset() {
        ClockUtil.reset();
    }
}
