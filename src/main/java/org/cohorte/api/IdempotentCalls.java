package org.cohorte.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.identity.service.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Idempotency-Key} for creations: the key is recorded in the same transaction as what it creates
 * (primary key: user and key), so a client that never saw the answer (server killed, network cut) retries
 * with the same key and gets the first result; two concurrent retries cannot both create, the unique key
 * makes the second wait and fail, and it then answers with the first one's result.
 */
@Component
class IdempotentCalls {

    static final int MAX_KEY = 200;

    /** The created record's id; {@code replayed} when an earlier call with the same key created it. */
    record Outcome(UUID id, boolean replayed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CurrentUser currentUser;

    IdempotentCalls(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.currentUser = currentUser;
    }

    Outcome create(String key, String endpoint, Supplier<UUID> action) {
        String me = currentUser.userId();
        if (key == null) {
            return new Outcome(transaction.execute(status -> action.get()), false);
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new CohorteException("api.error.idempotencyKeyInvalid", MAX_KEY);
        }
        try {
            return transaction.execute(status -> {
                Outcome earlier = find(me, key, endpoint);
                if (earlier != null) {
                    return earlier;
                }
                UUID id = action.get();
                jdbc.update("insert into api_idempotency_key (user_id, idem_key, endpoint, result_id, created_at) values (?, ?, ?, ?, ?)",
                        me, key, endpoint, id.toString(), Timestamp.from(Instant.now()));
                return new Outcome(id, false);
            });
        } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
            // A concurrent call with the same key got there first: its result is this call's result, once it
            // has committed (PostgreSQL makes the second insert wait for that; other databases may not).
            for (int attempt = 0; attempt < 50; attempt++) {
                Outcome earlier = transaction.execute(status -> find(me, key, endpoint));
                if (earlier != null) {
                    return earlier;
                }
                pause();
            }
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private Outcome find(String userId, String key, String endpoint) {
        List<String[]> rows = jdbc.query("select endpoint, result_id from api_idempotency_key where user_id = ? and idem_key = ?",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, userId, key);
        if (rows.isEmpty()) {
            return null;
        }
        if (!rows.get(0)[0].equals(endpoint)) {
            throw new ConflictException("api.error.idempotencyKeyReused");
        }
        return new Outcome(UUID.fromString(rows.get(0)[1]), true);
    }
}
