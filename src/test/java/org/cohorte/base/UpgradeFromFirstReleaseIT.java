package org.cohorte.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.cohorte.CohorteApplication;
import org.cohorte.testsupport.CamundaWebappStatics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The first release's database (a pg_dump of the baseline with demo data, src/test/resources/upgrade) restored into a
 * fresh PostgreSQL database, upgraded by today's migrations at start-up: nothing is lost, the demo accounts still
 * sign in and a timer of the old database still fires. PostgreSQL only (the PostgreSQL CI run); on H2 it is
 * skipped. The database is made through the server's admin account, like the fault tests'
 * (FAULTS_PG_ADMIN, default postgres without password).
 */
@Tag("postgres")
class UpgradeFromFirstReleaseIT {

    static final String DUMP = "/upgrade/cohorte-1.0-demo.sql.gz";
    static final String DATABASE = "cohorte_upgrade_test";

    /** Each figure the upgrade must keep, as one query. */
    static final Map<String, String> COUNTS = new LinkedHashMap<>();
    static {
        COUNTS.put("members", "select count(*) from member_profile");
        COUNTS.put("accounts", "select count(*) from act_id_user");
        COUNTS.put("questions", "select count(*) from community_question");
        COUNTS.put("posts", "select count(*) from community_post");
        COUNTS.put("experiments", "select count(*) from experiment");
        COUNTS.put("indicators", "select count(*) from perf_indicator");
        COUNTS.put("measurements", "select count(*) from perf_measurement");
        COUNTS.put("codevelopment sessions", "select count(*) from codev_session");
        COUNTS.put("process instances", "select count(*) from act_ru_execution where id_ = proc_inst_id_");
        COUNTS.put("historic process instances", "select count(*) from act_hi_procinst");
        COUNTS.put("tasks", "select count(*) from act_ru_task");
        COUNTS.put("timers", "select count(*) from act_ru_job where type_ = 'timer'");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Test
    void the_first_release_database_upgrades_without_losing_anything_and_keeps_working() throws Exception {
        String profiles = System.getProperty("spring.profiles.active", "");
        Assumptions.assumeTrue(profiles.contains("postgres"),
                "UpgradeFromFirstReleaseIT restores a PostgreSQL dump: it runs with -Ppostgres only (H2 run: skipped)");
        Assumptions.assumeTrue(onPath("psql"),
                "UpgradeFromFirstReleaseIT restores its dump with psql, which is not installed here");
        String host = env("FAULTS_PG_HOST", "127.0.0.1");
        String port = env("FAULTS_PG_PORT", "5432");
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                env("FAULTS_PG_ADMIN", "postgres"), env("FAULTS_PG_ADMIN_PASSWORD", ""));
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
            sql.execute("create database " + DATABASE + " owner cohorte");
        }
        restore(host, port);

        Map<String, Long> before = counts(url);
        assertThat(before).allSatisfy((what, count) -> assertThat(count).as(what).isPositive());

        try (CamundaWebappStatics kept = CamundaWebappStatics.kept();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(CohorteApplication.class).run(
                "--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
                "--spring.datasource.username=cohorte", "--spring.datasource.password=cohorte",
                "--server.port=0", "--camunda.bpm.process-engine-name=upgrade",
                "--camunda.bpm.job-execution.enabled=false", "--COHORTE_DEMO=false",
                "--cohorte.bootstrap-admin-password=", "--cohorte.outbox.scheduled=false",
                "--cohorte.community.digest-scheduled=false", "--spring.mail.host=",
                // Cohorte's static clock is the last context's: keep it on the engine's, which later tests move.
                "--cohorte.clock.source=engine")) {
            Flyway flyway = app.getBean(Flyway.class);
            assertThat(flyway.info().pending()).isEmpty();
            assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion()).startsWith("1", "2");

            Map<String, Long> after = counts(url);
            // The same figures: the migrations and the engine's start (its schema update, the models' deployment)
            // keep every member, record, instance, task and timer.
            assertThat(after).containsAllEntriesOf(before);

            IdentityService identity = app.getBean(IdentityService.class);
            assertThat(identity.checkPassword("membre", "cohorte123")).isTrue();
            assertThat(identity.checkPassword("admin", "cohorte123")).isTrue();
            assertThat(identity.checkPassword("membre", "wrong-password")).isFalse();

            // A timer made by the first release fires on the upgraded engine and is logged as done.
            ManagementService management = app.getBean(ManagementService.class);
            Job timer = management.createJobQuery().timers().orderByJobDuedate().asc().listPage(0, 1).get(0);
            management.executeJob(timer.getId());
            assertThat(management.createJobQuery().jobId(timer.getId()).count()).isZero();
            assertThat(app.getBean(HistoryService.class).createHistoricJobLogQuery().jobId(timer.getId())
                    .successLog().count()).isEqualTo(1);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : env("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** The gzipped plain dump, fed to psql on its standard input. */
    private static void restore(String host, String port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("psql", "-h", host, "-p", port, "-U", "cohorte", "-d", DATABASE, "-q",
                "-v", "ON_ERROR_STOP=1").redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "cohorte");
        Process psql = builder.start();
        Thread copy = new Thread(() -> {
            try (InputStream dump = new GZIPInputStream(UpgradeFromFirstReleaseIT.class.getResourceAsStream(DUMP));
                 OutputStream in = psql.getOutputStream()) {
                dump.transferTo(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        copy.start();
        String output = new String(psql.getInputStream().readAllBytes());
        assertThat(psql.waitFor(5, TimeUnit.MINUTES)).isTrue();
        copy.join();
        assertThat(psql.exitValue()).as("psql restoring %s: %s", DUMP, output).isZero();
    }

    private static Map<String, Long> counts(String url) throws SQLException {
        try (SingleConnectionDataSource db = new SingleConnectionDataSource(url, "cohorte", "cohorte", true)) {
            JdbcTemplate jdbc = new JdbcTemplate(db);
            Map<String, Long> counts = new LinkedHashMap<>();
            COUNTS.forEach((what, query) -> counts.put(what, jdbc.queryForObject(query, Long.class)));
            return counts;
        }
    }
}
