package org.cohorte.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.CohorteApplication;
import org.cohorte.identity.security.IdentityBootstrap;
import org.cohorte.testsupport.CamundaWebappStatics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application as {@code java -jar} starts it with no profile and no variable: no demo data, no account, so no
 * known password opens anything, and the log says how to create the first administrator.
 */
class SafeStartIT {

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void a_start_without_profile_or_admin_variable_has_no_account_and_says_how_to_make_the_first_admin(
            CapturedOutput output) {
        // The console, not an appender: Spring Boot resets logging while it starts.
        try (CamundaWebappStatics kept = CamundaWebappStatics.kept();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(CohorteApplication.class).run(
                // The default profile, as java -jar runs it (the test run's own profiles are not this start's).
                "--spring.profiles.active=default",
                "--spring.datasource.url=jdbc:h2:mem:safe-start-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--server.port=0", "--camunda.bpm.process-engine-name=safestart",
                "--camunda.bpm.job-execution.enabled=false", "--cohorte.password.bcrypt-strength=4",
                // Whatever the machine's environment says: this start has no admin password and no demo.
                "--cohorte.bootstrap-admin-password=", "--COHORTE_DEMO=false",
                "--cohorte.outbox.scheduled=false", "--cohorte.community.digest-scheduled=false",
                // Cohorte's static clock is the last context's: keep it on the engine's, which later tests move.
                "--cohorte.clock.source=engine")) {
            IdentityService identity = app.getBean(IdentityService.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(identity.createUserQuery().count()).isZero();
            assertThat(jdbc.queryForObject("select count(*) from ACT_ID_USER", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from organization", Long.class)).isZero();
            assertThat(identity.checkPassword("admin", "cohorte123")).isFalse();
            assertThat(identity.checkPassword("membre", "cohorte123")).isFalse();
            // The groups exist, so the first administrator made later gets every right.
            assertThat(identity.createGroupQuery().groupId("admin").count()).isEqualTo(1);
            assertThat(app.getBean(IdentityBootstrap.FirstAdminNotice.class).hasAdministrator()).isFalse();
        }
        assertThat(output.getOut()).containsOnlyOnce(IdentityBootstrap.FirstAdminNotice.MESSAGE);
        assertThat(IdentityBootstrap.FirstAdminNotice.MESSAGE).contains("COHORTE_ADMIN_PASSWORD", "restart");
    }
}
