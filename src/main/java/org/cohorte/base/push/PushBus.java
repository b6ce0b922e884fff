package org.cohorte.base.push;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import javax.sql.DataSource;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import org.cohorte.base.persistence.DatabaseDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells open screens on every node that something they show changed, once the change is committed.
 *
 * <p>On PostgreSQL (a cluster): {@link #publish} gathers the transaction's messages and, just before it commits,
 * sends them with {@code pg_notify} on the same connection, so they are part of the business transaction:
 * PostgreSQL delivers them to every listening node when, and only if, it commits. Each node's
 * {@link PgPushListener} hears them and fans them out to its own screens. On H2 (one node: development and
 * tests) the messages are delivered in this JVM after commit. Outside a transaction, at once.
 */
@Service
public class PushBus implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PushBus.class);
    private static final Object PENDING = new Object();

    private final DataSource dataSource;
    private final DataSourceProperties properties;
    private final boolean cluster;
    private final LocalPushHub hub;
    private PgPushListener listener;

    public PushBus(DataSource dataSource, DataSourceProperties properties, DatabaseDialect dialect,
                   @Value("${cohorte.push.transport:auto}") String transport,
                   @Value("${cohorte.push.threads:4}") int threads) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.cluster = switch (transport) {
            case "postgres" -> true;
            case "local" -> false;
            default -> dialect.isPostgres();
        };
        this.hub = new LocalPushHub(threads);
    }

    /** True when pushes travel through PostgreSQL to every node, false when they stay in this JVM. */
    public boolean isClusterWide() {
        return cluster;
    }

    /** Says that {@code key} of {@code topic} changed: every listener of it, on every node, hears it after commit. */
    public void publish(String topic, String key) {
        if (key == null) {
            return;
        }
        PushMessage message = new PushMessage(topic, key);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(List.of(message));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<PushMessage> pending = (Set<PushMessage>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            Set<PushMessage> fresh = new LinkedHashSet<>();
            pending = fresh;
            TransactionSynchronizationManager.bindResource(PENDING, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    if (cluster) {
                        // Same connection, same transaction: the NOTIFY goes out with the commit or not at all.
                        sendOnTransactionConnection(new ArrayList<>(fresh));
                    }
                }

                @Override
                public void afterCommit() {
                    if (!cluster) {
                        hub.deliver(new ArrayList<>(fresh));
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }
            });
        }
        pending.add(message);
    }

    private void send(List<PushMessage> messages) {
        if (!cluster) {
            hub.deliver(messages);
            return;
        }
        sendOnTransactionConnection(messages);
    }

    private void sendOnTransactionConnection(List<PushMessage> messages) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PgPushListener.notify(connection, messages);
        } catch (SQLException e) {
            // A push is a courtesy to open screens; the business change must not fail for it.
            LOG.warn("Could not publish {} push message(s): {}", messages.size(), e.getMessage());
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Runs {@code listener} (on a push thread) each time {@code key} of {@code topic} changes. Remove it when done. */
    public Registration subscribe(String topic, String key, Runnable listener) {
        return hub.subscribe(topic, key, listener);
    }

    /**
     * Keeps {@code owner} informed while it is on screen: {@code onPush} runs in {@code UI.access}, as the person
     * who opened it (their security context as of attaching), each time {@code key} of {@code topic} changes.
     * Subscribed on attach, unsubscribed on detach (a closed tab, an expired session, a navigation away), and
     * dropped if its UI turns out to be gone: nothing stays registered for a screen nobody sees.
     */
    public Registration follow(Component owner, String topic, String key, Command onPush) {
        Registration[] subscription = new Registration[1];
        Runnable attach = () -> {
            UI ui = owner.getUI().orElseThrow();
            SecurityContext viewer = SecurityContextHolder.getContext();
            Registration[] self = new Registration[1];
            self[0] = hub.subscribe(topic, key, () -> {
                try {
                    ui.access(() -> asViewer(viewer, onPush));
                } catch (UIDetachedException e) {
                    self[0].remove();
                }
            });
            subscription[0] = self[0];
        };
        Runnable detach = () -> {
            if (subscription[0] != null) {
                subscription[0].remove();
                subscription[0] = null;
            }
        };
        if (owner.isAttached()) {
            attach.run();
        }
        Registration onAttach = owner.addAttachListener(e -> {
            detach.run();
            attach.run();
        });
        Registration onDetach = owner.addDetachListener(e -> detach.run());
        return () -> {
            onAttach.remove();
            onDetach.remove();
            detach.run();
        };
    }

    private static void asViewer(SecurityContext viewer, Command action) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(viewer);
        try {
            action.execute();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public int listenerCount(String topic, String key) {
        return hub.listenerCount(topic, key);
    }

    /** How many topic keys have listeners on this node. */
    public int addressCount() {
        return hub.addressCount();
    }

    /** True on PostgreSQL once this node listens (always true on H2). */
    public boolean isListening() {
        return !cluster || listener != null && listener.isListening();
    }

    // ---------------------------------------------------------------- lifecycle: the listener thread

    @Override
    public void start() {
        if (cluster && listener == null) {
            listener = new PgPushListener("cohorte-push-listener", this::openListenerConnection, hub::deliver,
                    hub::deliverToAll, Duration.ofSeconds(15)).start();
        }
    }

    private Connection openListenerConnection() throws SQLException {
        Properties connection = new Properties();
        connection.setProperty("user", properties.determineUsername());
        String password = properties.determinePassword();
        if (password != null) {
            connection.setProperty("password", password);
        }
        // A dead peer shows up as an error rather than as silence.
        connection.setProperty("tcpKeepAlive", "true");
        connection.setProperty("ApplicationName", "cohorte-push");
        connection.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(properties.determineUrl(), connection);
    }

    @Override
    public void stop() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        hub.close();
    }

    @Override
    public boolean isRunning() {
        return listener != null || !cluster;
    }
}
