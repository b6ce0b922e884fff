package org.cohorte.base.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of Cohorte: the process engine's. Domain timestamps and engine timers then agree,
 * and tests that move the engine clock move the whole application with it.
 */
public final class EngineClock {

    /** Cohorte's users work in Québec and France; dates such as "due today" are reckoned in this zone. */
    public static final ZoneId ZONE = ZoneId.of("America/Montreal");

    private EngineClock() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }
}
