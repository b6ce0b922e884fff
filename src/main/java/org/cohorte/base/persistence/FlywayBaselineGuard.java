package org.cohorte.base.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Before the first release the migrations V1 to V76 were squashed into one baseline (V1__baseline.sql). A database
 * made by the earlier migrations (a developer's ./data, say) has a V1 called "identity" in its history: Flyway would
 * fail on checksums and unknown versions with a message that does not say what to do, so say it here.
 */
@Configuration(proxyBeanMethods = false)
public class FlywayBaselineGuard {

    static final String BASELINE_DESCRIPTION = "baseline";

    @Bean
    FlywayMigrationStrategy baselineCheckingMigration() {
        return flyway -> {
            check(flyway);
            flyway.migrate();
        };
    }

    public static void check(Flyway flyway) {
        for (MigrationInfo applied : flyway.info().applied()) {
            if (applied.getVersion() != null && "1".equals(applied.getVersion().getVersion())
                    && !BASELINE_DESCRIPTION.equalsIgnoreCase(applied.getDescription())) {
                throw new IllegalStateException("This database was made by Cohorte's pre-release migrations (V1 \""
                        + applied.getDescription() + "\"), which the first release replaced by one baseline: it cannot "
                        + "be upgraded. Start from an empty database: delete ./data for the embedded H2 database, or "
                        + "drop and recreate the PostgreSQL database.");
            }
        }
    }
}
