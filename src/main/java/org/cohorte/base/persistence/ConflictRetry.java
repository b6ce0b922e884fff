package org.cohorte.base.persistence;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.cohorte.base.error.ConcurrentChangeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a user's command (a click) in its own transaction and, when it lost an optimistic-locking race against
 * another transaction on the same process instance or record, runs the whole command again in a new transaction
 * after a short random pause, up to {@code cohorte.clicks.max-attempts} times. Each attempt starts from the
 * command's first line, so the user's right to act is checked again against what the winner committed (a task the
 * winner ended is then "not found", a step that moved on is "moved on": the user is told the truth, not "changed
 * meanwhile").
 * <p>
 * This is Camunda's advice for concurrent completions of a multi-instance or a parallel join taken on the
 * command side: the engine detects the collision (OptimisticLockingException) and rolls back, and the caller
 * retries. The attempts run in this node's thread but every decision is in the database, so it holds the same
 * with several nodes. A command called inside a transaction its caller already opened cannot be retried here
 * (rolling back would undo the caller's work too): it then runs once, as before.
 * <p>
 * A command that sends something outside the database before its transaction commits would send it once per
 * attempt: commands retried here must leave outward effects to after commit (notifications are written in the
 * transaction and delivered after commit).
 */
@Component
public class ConflictRetry {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

    private final TransactionTemplate transaction;
    private final int maxAttempts;
    private final long pauseMillis;
    // What this node retried and gave up, since it started: figures for tests and logs, not a cluster-wide count.
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    public ConflictRetry(PlatformTransactionManager transactionManager,
                         @Value("${cohorte.clicks.max-attempts:16}") int maxAttempts,
                         @Value("${cohorte.clicks.pause:15ms}") Duration pause) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.pauseMillis = Math.max(1, pause.toMillis());
    }

    public <T> T run(Supplier<T> command) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return command.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> command.get());
            } catch (RuntimeException e) {
                if (!isConcurrentChange(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    givenUp.incrementAndGet();
                    LOG.warn("Gave up after {} attempts lost to concurrent changes", attempt);
                    throw e;
                }
                retries.incrementAndGet();
                LOG.debug("Attempt {} lost to a concurrent change, running the command again: {}", attempt, e.toString());
                pause(attempt);
            }
        }
    }

    public void run(Runnable command) {
        run(() -> {
            command.run();
            return null;
        });
    }

    /** Attempts run again on this node since it started. */
    public long retries() {
        return retries.get();
    }

    /** Commands that still lost after the last attempt, on this node since it started. */
    public long givenUp() {
        return givenUp.get();
    }

    /** Another transaction wrote the same rows first: the engine's or JPA's optimistic lock, a deadlock, a lock wait. */
    static boolean isConcurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrentChangeException || t instanceof OptimisticLockingException
                    || t instanceof ConcurrencyFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    // 40001 serialization failure, 40P01 deadlock (PostgreSQL); HYT00 lock timeout (H2)
                    && (sql.getSQLState().startsWith("40") || "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private void pause(int attempt) {
        // Random, growing, capped: the losers of one round do not all come back at the same instant.
        long ceiling = pauseMillis * (1L << Math.min(attempt, 4));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(pauseMillis / 2, ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
