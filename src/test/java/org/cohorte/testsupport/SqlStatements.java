package org.cohorte.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Counts the SQL statements some work sends, on H2 (its query statistics) and PostgreSQL (pgjdbc logs every
 * Execute at FINEST), as the codevelopment benchmark does. For tests that a cost does not grow with a file's rows.
 */
public final class SqlStatements {

    private SqlStatements() {
    }

    public static boolean isH2(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every statement executed while the work runs. */
    public static long all(DataSource dataSource, Runnable work) {
        return isH2(dataSource) ? onH2(dataSource, work, "") : onPostgres(work);
    }

    /** The queries (select ...) executed while the work runs: H2 only, whose statistics keep each statement's text. */
    public static long selectsOnH2(DataSource dataSource, Runnable work) {
        return onH2(dataSource, work, " WHERE REGEXP_LIKE(SQL_STATEMENT, '^\\s*(select|with)\\b', 'i')");
    }

    private static long onH2(DataSource dataSource, Runnable work, String where) {
        try {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
                s.execute("SET QUERY_STATISTICS FALSE");
                s.execute("SET QUERY_STATISTICS TRUE");
            }
            work.run();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS" + where)) {
                rs.next();
                long total = rs.getLong(1);
                s.execute("SET QUERY_STATISTICS FALSE");
                return total;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long onPostgres(Runnable work) {
        Logger logger = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        AtomicLong executes = new AtomicLong();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("FE=> Execute")) {
                    executes.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Level previous = logger.getLevel();
        logger.setLevel(Level.FINEST);
        logger.addHandler(handler);
        try {
            work.run();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
        return executes.get();
    }
}
