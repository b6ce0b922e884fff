package org.cohorte.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.cohorte.base.persistence.FlywayBaselineGuard;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A database from the pre-release migrations is refused with what to do; a fresh one gets the baseline. */
class FlywayBaselineGuardTest {

    private static Flyway flyway(String url, String... locations) {
        return Flyway.configure().dataSource(url, "sa", "").locations(locations).load();
    }

    @Test
    void a_pre_release_database_is_refused_with_what_to_do_and_left_untouched() {
        String url = "jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        flyway(url, "classpath:db/pre-release").migrate();
        Flyway current = flyway(url, "classpath:db/migration", "classpath:db/vendor/h2");
        assertThatThrownBy(() -> FlywayBaselineGuard.check(current))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pre-release migrations (V1 \"identity\")")
                .hasMessageContaining("delete ./data");
        assertThat(current.info().applied()).hasSize(1);
    }

    @Test
    void a_fresh_database_gets_the_baseline_and_passes_the_check_afterwards() {
        String url = "jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway current = flyway(url, "classpath:db/migration", "classpath:db/vendor/h2");
        FlywayBaselineGuard.check(current);
        current.migrate();
        assertThat(current.info().applied()).extracting(m -> m.getVersion().getVersion()).startsWith("1", "2");
        FlywayBaselineGuard.check(current);
    }
}
