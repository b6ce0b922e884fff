package org.cohorte.base.persistence;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one answer to "is this database PostgreSQL?", asked of the database itself (its JDBC metadata), not of a
 * URL or a profile: a proxy or pooled data source still answers right. Read once, on first use, since it cannot
 * change while the application runs; H2 (tests, demo) is the only other database Cohorte runs on.
 */
@Component
public class DatabaseDialect {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public DatabaseDialect(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
            postgres = known;
        }
        return known;
    }
}
