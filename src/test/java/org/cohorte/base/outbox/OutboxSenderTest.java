package org.cohorte.base.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;

class OutboxSenderTest {

    final OutboxSender sender = new OutboxSender(null, null, new JdbcTransactionManager(), null, false,
            Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1), 50, "cohorte@test.local",
            Duration.ofDays(30));

    @Test
    void retries_start_at_one_minute_double_each_time_and_never_wait_more_than_an_hour() {
        assertThat(sender.backOff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(sender.backOff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(sender.backOff(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(sender.backOff(7)).as("64 min, capped").isEqualTo(Duration.ofHours(1));
        assertThat(sender.backOff(1_000)).isEqualTo(Duration.ofHours(1));
    }
}
