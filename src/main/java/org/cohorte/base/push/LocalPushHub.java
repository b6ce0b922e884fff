package org.cohorte.base.push;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.vaadin.flow.shared.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's listeners, by topic and key. Delivery runs on a small pool of its own, so that neither the thread
 * that committed (H2) nor the database listener thread (PostgreSQL) waits for screens to refresh. An empty key
 * set is removed at once: registrations come and go with every opened and closed screen and must not pile up.
 */
public class LocalPushHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPushHub.class);

    private final Map<PushMessage, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService delivery;

    public LocalPushHub(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.delivery = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "cohorte-push-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ((ThreadPoolExecutor) delivery).allowCoreThreadTimeOut(true);
    }

    public Registration subscribe(String topic, String key, Runnable listener) {
        PushMessage address = new PushMessage(topic, key);
        listeners.computeIfAbsent(address, a -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(address, (a, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public int listenerCount(String topic, String key) {
        return listeners.getOrDefault(new PushMessage(topic, key), Set.of()).size();
    }

    /** How many keys have listeners at all: what a leak would make grow. */
    public int addressCount() {
        return listeners.size();
    }

    /** Runs each listener of these messages once, even if several of its messages came together. */
    public void deliver(Collection<PushMessage> messages) {
        Set<Runnable> targets = new LinkedHashSet<>();
        for (PushMessage m : messages) {
            targets.addAll(listeners.getOrDefault(m, Set.of()));
        }
        targets.forEach(this::run);
    }

    /** Every listener once: after the cluster listener lost its connection, when notifications may have been missed. */
    public void deliverToAll() {
        Set<Runnable> targets = new LinkedHashSet<>();
        listeners.values().forEach(targets::addAll);
        targets.forEach(this::run);
    }

    private void run(Runnable listener) {
        if (delivery.isShutdown()) {
            return; // shutting down: nobody is looking any more
        }
        delivery.execute(() -> {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A push listener failed", e);
            }
        });
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
