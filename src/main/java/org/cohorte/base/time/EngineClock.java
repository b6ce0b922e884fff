package org.cohorte.base.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.cohorte.base.engine.EngineClockAccess;

/**
 * Static access to the application's one clock ({@link CohorteClock}, an injected {@link Clock}) for code that is
 * not a bean (entities, value objects). Domain timestamps and engine timers agree: in production both are the
 * system's; in tests the application's clock follows the engine's, which tests move.
 */
public final class EngineClock {

    /** Cohorte's users work in Québec and France; dates such as "due today" are reckoned in this zone. */
    public static final ZoneId ZONE = ZoneId.of("America/Montreal");

    private static volatile Clock clock;

    private EngineClock() {
    }

    static void use(Clock applicationClock) {
        clock = applicationClock;
    }

    /** The clock in use (tests that build their own put this one back). */
    static Clock inUse() {
        return clock;
    }

    public static Instant now() {
        Clock current = clock;
        // Before the application's clock exists (early start-up), the engine's: the same time then.
        return current != null ? current.instant() : EngineClockAccess.now();
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }
}
