package org.cohorte.base.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CohorteClockTest {

    // Each CohorteClock registers itself behind EngineClock; the shared Spring contexts' clock must come back.
    private final Clock before = EngineClock.inUse();

    @AfterEach
    void reset() {
        ClockUtil.reset();
        EngineClock.use(before);
    }

    @Test
    void in_production_the_clock_is_the_systems_moves_only_before_going_live_and_takes_the_engines_along() {
        CohorteClock clock = new CohorteClock("system");
        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
        Instant past = Instant.parse("2026-01-05T14:00:00Z");
        clock.travelTo(past);
        assertThat(clock.instant()).isEqualTo(past);
        assertThat(EngineClock.now()).isEqualTo(past);
        assertThat(ClockUtil.getCurrentTime().toInstant()).as("the engine's clock moves with it").isEqualTo(past);

        clock.goLive();
        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> clock.travelTo(past)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never moves");
        // Moving the engine's clock behind the application's back does not move the application's.
        ClockUtil.setCurrentTime(Date.from(past));
        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void in_tests_the_clock_follows_the_engines_which_tests_move() {
        CohorteClock clock = new CohorteClock("engine");
        clock.goLive();
        Instant past = Instant.parse("2026-03-02T09:00:00Z");
        ClockUtil.setCurrentTime(Date.from(past));
        assertThat(clock.instant()).isEqualTo(past);
        assertThat(EngineClock.now()).isEqualTo(past);
        clock.travelTo(past.plusSeconds(60));
        assertThat(EngineClock.now()).isEqualTo(past.plusSeconds(60));
    }
}
