package org.cohorte.base.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two push listeners on one PostgreSQL database, as two nodes would run them, with no Spring around: a change
 * committed through a third connection reaches both, a rolled-back one neither, and a listener whose connection is
 * killed reconnects, asks every screen to refresh once, and hears the next change. Runs under the postgres profile
 * (DB_URL a PostgreSQL URL); skipped on H2.
 */
class PgPushListenerIT {

    private final String url = System.getenv().getOrDefault("DB_URL", "");
    private final String user = System.getenv().getOrDefault("DB_USER", "cohorte");
    private final String password = System.getenv().getOrDefault("DB_PASSWORD", "cohorte");

    private final Map<String, BlockingQueue<Received>> heard = new ConcurrentHashMap<>();
    private final AtomicInteger resyncsOfB = new AtomicInteger();
    private PgPushListener nodeA;
    private PgPushListener nodeB;

    record Received(PushMessage message, long atNanos) {
    }

    @BeforeEach
    void twoNodes() throws Exception {
        Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"), "PostgreSQL only (-Ppostgres with DB_URL)");
        heard.put("a", new LinkedBlockingQueue<>());
        heard.put("b", new LinkedBlockingQueue<>());
        nodeA = listener("a", () -> { });
        nodeB = listener("b", resyncsOfB::incrementAndGet);
        awaitListening(nodeA);
        awaitListening(nodeB);
    }

    @AfterEach
    void stop() {
        for (PgPushListener node : new PgPushListener[]{nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private PgPushListener listener(String node, Runnable afterReconnect) {
        return new PgPushListener("push-test-" + node, this::connect,
                messages -> messages.forEach(m -> heard.get(node).add(new Received(m, System.nanoTime()))),
                afterReconnect, Duration.ofSeconds(1)).start();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Test
    void a_committed_change_reaches_both_nodes_and_a_rolled_back_one_neither() throws Exception {
        String session = UUID.randomUUID().toString();
        try (Connection business = connect()) {
            business.setAutoCommit(false);
            PgPushListener.notify(business, List.of(new PushMessage(PushMessage.SESSION, session)));
            Thread.sleep(300);
            assertThat(heard.get("a")).as("not before the commit").isEmpty();
            assertThat(heard.get("b")).isEmpty();
            business.commit();

            assertThat(next("a")).isEqualTo(new PushMessage(PushMessage.SESSION, session));
            assertThat(next("b")).isEqualTo(new PushMessage(PushMessage.SESSION, session));

            PgPushListener.notify(business, List.of(new PushMessage(PushMessage.USER, "rolled-back")));
            business.rollback();
            Thread.sleep(700);
            assertThat(heard.get("a")).as("a rolled-back change is never pushed").isEmpty();
            assertThat(heard.get("b")).isEmpty();
        }
    }

    @Test
    void pushes_cross_nodes_well_under_a_second() throws Exception {
        List<Long> micros = new ArrayList<>();
        try (Connection business = connect()) {
            business.setAutoCommit(false);
            for (int i = 0; i < 100; i++) {
                String key = "latence-" + i;
                PgPushListener.notify(business, List.of(new PushMessage(PushMessage.USER, key)));
                long committed = System.nanoTime();
                business.commit();
                Received onB = awaitKey("b", key);
                awaitKey("a", key);
                micros.add((onB.atNanos() - committed) / 1000);
            }
        }
        Collections.sort(micros);
        long p50 = micros.get(49);
        long p95 = micros.get(94);
        System.out.printf("PUSH bus: commit on one connection to the listener of another node, 100 changes: "
                + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", p50 / 1000.0, p95 / 1000.0, micros.get(99) / 1000.0);
        assertThat(p95).as("p95 in microseconds").isLessThan(1_000_000);
    }

    @Test
    void a_listener_whose_connection_is_killed_reconnects_refreshes_everyone_once_and_hears_again() throws Exception {
        int pid = nodeB.backendPid();
        assertThat(pid).isPositive();
        try (Connection admin = connect(); Statement sql = admin.createStatement()) {
            // The same role may end its own backends: a database restart or a cut connection, as B sees it.
            sql.execute("select pg_terminate_backend(" + pid + ")");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!(nodeB.connections() >= 2 && nodeB.isListening())) {
            assertThat(System.nanoTime()).as("B reconnected").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(nodeB.backendPid()).isNotEqualTo(pid);
        assertThat(resyncsOfB).as("every screen of B refreshed once").hasValue(1);

        try (Connection business = connect()) {
            PgPushListener.notify(business, List.of(new PushMessage(PushMessage.SESSION, "after-reconnect")));
        }
        assertThat(awaitKey("b", "after-reconnect").message().topic()).isEqualTo(PushMessage.SESSION);
        assertThat(awaitKey("a", "after-reconnect")).isNotNull();
        assertThat(nodeA.connections()).as("A was not disturbed").isEqualTo(1);
    }

    private PushMessage next(String node) throws InterruptedException {
        Received r = heard.get(node).poll(5, TimeUnit.SECONDS);
        assertThat(r).as("node " + node + " heard it").isNotNull();
        return r.message();
    }

    private Received awaitKey(String node, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Received r = heard.get(node).poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(r).as("node " + node + " heard " + key).isNotNull();
            if (r.message().key().equals(key)) {
                return r;
            }
        }
    }

    private static void awaitListening(PgPushListener node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!node.isListening()) {
            assertThat(System.nanoTime()).as("listening").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
