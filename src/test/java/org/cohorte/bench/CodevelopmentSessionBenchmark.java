package org.cohorte.bench;

import static org.cohorte.bench.BenchmarkSupport.figure;
import static org.cohorte.bench.BenchmarkSupport.percentile;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.cohorte.codevelopment.CodevFixture;
import org.cohorte.codevelopment.domain.SessionMode;
import org.cohorte.codevelopment.service.CodevSessionService;
import org.cohorte.codevelopment.domain.SessionStatus;
import org.cohorte.testsupport.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A full session through the services (launch, preparation, opening, the six steps, learnings: 1 client,
 * 5 consultants, the facilitator), timed end to end, and the SQL statements it sends to the database,
 * counted by the JDBC driver (PostgreSQL: each Execute message; H2: its query statistics).
 * Run: {@code ./mvnw -B -ntp verify -Pbench -Dtest=CodevelopmentSessionBenchmark} (add -Ppostgres and DB_URL).
 */
@Tag("benchmark")
class CodevelopmentSessionBenchmark extends IntegrationTest {

    static final int WARMUP = Integer.getInteger("bench.codev.warmup", 3);
    static final int RUNS = Integer.getInteger("bench.codev.runs", 10);

    @Autowired
    CodevFixture fixture;
    @Autowired
    CodevSessionService sessionService;
    @Autowired
    DataSource dataSource;

    private UUID runOne(CodevFixture.Group group) {
        UUID session = fixture.launch(group, SessionMode.LIVE);
        fixture.prepareAndOpen(group, session);
        fixture.runSixSteps(group, session, false);
        return session;
    }

    @Test
    void a_full_session_with_five_consultants() throws Exception {
        CodevFixture.Group group = fixture.group(6);
        for (int i = 0; i < WARMUP; i++) {
            runOne(group);
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            UUID session = runOne(group);
            nanos[i] = System.nanoTime() - start;
            if (data.as(group.facilitator(), () -> sessionService.board(session).status()) != SessionStatus.FOLLOW_UP) {
                throw new IllegalStateException("The session did not reach its follow-up");
            }
        }
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        long statements = product.toLowerCase().contains("postgres") ? countOnPostgres(group) : countOnH2(group);
        figure("codevelopment.full_session.median (" + product + ")", percentile(nanos, 50), "ms");
        figure("codevelopment.full_session.p90 (" + product + ")", percentile(nanos, 90), "ms");
        figure("codevelopment.full_session.sql_statements (" + product + ")", statements, "statements",
                "1 client, 5 consultants, 6 steps, " + RUNS + " runs after " + WARMUP + " warm-up");
    }

    /** pgjdbc logs every Execute it sends at FINEST: a handler counts them while one session runs. */
    private long countOnPostgres(CodevFixture.Group group) {
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
            runOne(group);
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
        return executes.get();
    }

    /** H2 keeps per-statement execution counts once QUERY_STATISTICS is on. */
    private long countOnH2(CodevFixture.Group group) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
            s.execute("SET QUERY_STATISTICS FALSE");
            s.execute("SET QUERY_STATISTICS TRUE");
        }
        runOne(group);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SUM(EXECUTION_COUNT) FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            rs.next();
            long total = rs.getLong(1);
            s.execute("SET QUERY_STATISTICS FALSE");
            return total;
        }
    }
}
