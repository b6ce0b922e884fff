package org.cohorte.base.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.cohorte.base.engine.EngineClockAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The application's one clock, injected (it is a {@link Clock} bean) and behind {@link EngineClock}. In production
 * it is the system's, and so is the engine's: both agree without either being set. It moves only before the
 * application serves anyone (the demo data builds a history at start-up, see {@code base.startup}), taking the
 * engine's clock with it, and refuses to move once live: a running server's timers and timestamps never jump.
 * In tests ({@code cohorte.clock.source=engine}) it reads the engine's clock, which tests move with
 * {@code ClockUtil}, so one move moves both.
 */
@Component
public class CohorteClock extends Clock {

    private final boolean followsEngine;
    private volatile Instant startupTime;
    private volatile boolean live;

    public CohorteClock(@Value("${cohorte.clock.source:system}") String source) {
        this.followsEngine = "engine".equals(source);
        EngineClock.use(this);
    }

    @Override
    public Instant instant() {
        if (followsEngine) {
            return EngineClockAccess.now();
        }
        Instant moved = startupTime;
        return moved != null ? moved : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    /** At start-up only (or in tests): this clock and the engine's, at the given instant. */
    public void travelTo(Instant instant) {
        requireNotLive();
        if (!followsEngine) {
            startupTime = instant;
        }
        EngineClockAccess.set(instant);
    }

    /** Back to the real time, with the engine's clock. */
    public void backToNow() {
        startupTime = null;
        EngineClockAccess.reset();
    }

    public boolean isLive() {
        return live;
    }

    /** The application now serves people: from here on, nothing may move the clock. */
    public void goLive() {
        backToNow();
        live = true;
    }

    private void requireNotLive() {
        if (live && !followsEngine) {
            throw new IllegalStateException("The clock of a live server never moves");
        }
    }
}
