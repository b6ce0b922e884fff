package org.cohorte.base.push;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's ear on the cluster bus: a thread with a dedicated connection (not one of the pool's: it is held for
 * good) that runs {@code LISTEN cohorte_push} and hands each notification to {@code sink}. When the connection
 * fails (database restart, network cut, the backend terminated) it reconnects with back-off; notifications sent
 * while it was away are lost to this node, so after each reconnection {@code afterReconnect} runs and every open
 * screen refreshes once. A cheap query every {@code healthCheck} makes a silently dead connection show itself.
 * No Spring here, so that a test can run two of them as two nodes.
 */
public final class PgPushListener implements AutoCloseable {

    public static final String CHANNEL = "cohorte_push";
    private static final Logger LOG = LoggerFactory.getLogger(PgPushListener.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    /** Opens a new dedicated connection. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final Consumer<List<PushMessage>> sink;
    private final Runnable afterReconnect;
    private final long healthCheckMillis;
    private final Thread thread;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection current;

    public PgPushListener(String name, Connector connector, Consumer<List<PushMessage>> sink, Runnable afterReconnect,
                          Duration healthCheck) {
        this.connector = connector;
        this.sink = sink;
        this.afterReconnect = afterReconnect;
        this.healthCheckMillis = healthCheck.toMillis();
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    public PgPushListener start() {
        thread.start();
        return this;
    }

    /** True while the connection is up and listening. */
    public boolean isListening() {
        return listening;
    }

    /** How many times it connected (1 without any failure). */
    public int connections() {
        return connections.get();
    }

    /** The PostgreSQL backend pid of the current connection, or -1. */
    public int backendPid() {
        Connection c = current;
        try {
            return c == null ? -1 : c.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            return -1;
        }
    }

    private void loop() {
        long backoff = 250;
        while (running) {
            try (Connection connection = connector.open(); Statement sql = connection.createStatement()) {
                connection.setAutoCommit(true);
                sql.execute("LISTEN " + CHANNEL);
                current = connection;
                listening = true;
                backoff = 250;
                if (connections.incrementAndGet() > 1) {
                    LOG.info("Push listener reconnected: every open screen refreshes once");
                    afterReconnect.run();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                long lastCheck = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            List<PushMessage> messages = PushPayload.decode(n.getParameter());
                            if (!messages.isEmpty()) {
                                sink.accept(messages);
                            }
                        }
                    }
                    if (System.nanoTime() - lastCheck > healthCheckMillis * 1_000_000) {
                        sql.execute("select 1");
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                current = null;
                if (!running) {
                    return;
                }
                LOG.warn("Push listener lost its connection ({}); reconnecting in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                listening = false;
                current = null;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends messages on {@code connection}: inside its transaction they are delivered when (and if) it commits. */
    public static void notify(Connection connection, List<PushMessage> messages) throws SQLException {
        try (var statement = connection.prepareStatement("select pg_notify(?, ?)")) {
            for (String payload : PushPayload.encode(messages)) {
                statement.setString(1, CHANNEL);
                statement.setString(2, payload);
                statement.execute();
            }
        }
    }
}
