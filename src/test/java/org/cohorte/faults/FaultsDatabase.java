package org.cohorte.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh PostgreSQL database per fault test, made through the server's admin account (as .ci/run does with
 * psql): {@code FAULTS_PG_HOST}/{@code FAULTS_PG_PORT} (127.0.0.1:5432), {@code FAULTS_PG_ADMIN} (postgres) and
 * {@code FAULTS_PG_ADMIN_PASSWORD} (none). The application connects as cohorte/cohorte.
 */
final class FaultsDatabase {

    private final String name;
    private final String host = env("FAULTS_PG_HOST", "127.0.0.1");
    private final String port = env("FAULTS_PG_PORT", "5432");

    private FaultsDatabase(String name) {
        this.name = name;
    }

    static FaultsDatabase fresh(String name) throws SQLException {
        FaultsDatabase db = new FaultsDatabase(name);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + db.host + ":" + db.port + "/postgres",
                env("FAULTS_PG_ADMIN", "postgres"), env("FAULTS_PG_ADMIN_PASSWORD", ""));
             Statement sql = admin.createStatement()) {
            sql.execute("do $$ begin if not exists (select from pg_roles where rolname = 'cohorte') then "
                    + "create role cohorte login password 'cohorte'; end if; end $$");
            sql.execute("drop database if exists " + name + " with (force)");
            sql.execute("create database " + name + " owner cohorte");
        }
        return db;
    }

    String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** A JDBC connection of the test's own, for setting timers due and for the final checks. */
    JdbcTemplate jdbc() {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url(), "cohorte", "cohorte", true);
        return new JdbcTemplate(dataSource);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
