package org.cohorte.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
    private final ObjectMapper json;

    IdempotentCalls(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CurrentUser currentUser,
                    ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.transaction = new TransactionTemplate(transactionManager);
        this.currentUser = currentUser;
    }

    /**
     * Runs a creation once per key. {@code request} is what the call asks for (path ids and body): a key sent
     * again with another request is refused (422), not answered with the first request's result.
     */
    Outcome create(String key, String endpoint, Object request, Supplier<UUID> action) {
        String me = currentUser.userId();
        if (key == null) {
            return new Outcome(transaction.execute(status -> action.get()), false);
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new CohorteException("api.error.idempotencyKeyInvalid", MAX_KEY);
        }
        String requestHash = hash(request);
        try {
            return transaction.execute(status -> {
                Outcome earlier = find(me, key, endpoint, requestHash);
                if (earlier != null) {
                    return earlier;
                }
                UUID id = action.get();
                jdbc.update("insert into api_idempotency_key (user_id, idem_key, endpoint, result_id, created_at, request_hash)"
                                + " values (?, ?, ?, ?, ?, ?)",
                        me, key, endpoint, id.toString(), Timestamp.from(Instant.now()), requestHash);
                return new Outcome(id, false);
            });
        } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
            // A concurrent call with the same key got there first: its result is this call's result, once it
            // has committed (PostgreSQL makes the second insert wait for that; other databases may not).
            for (int attempt = 0; attempt < 50; attempt++) {
                Outcome earlier = transaction.execute(status -> find(me, key, endpoint, requestHash));
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

    private Outcome find(String userId, String key, String endpoint, String requestHash) {
        List<String[]> rows = jdbc.query("select endpoint, result_id, request_hash from api_idempotency_key"
                        + " where user_id = ? and idem_key = ?",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, userId, key);
        if (rows.isEmpty()) {
            return null;
        }
        if (!rows.get(0)[0].equals(endpoint)) {
            throw new ConflictException("api.error.idempotencyKeyReused");
        }
        if (rows.get(0)[2] != null && !rows.get(0)[2].equals(requestHash)) {
            throw new RequestMismatchException("api.error.idempotencyKeyOtherBody");
        }
        return new Outcome(UUID.fromString(rows.get(0)[1]), true);
    }

    /** The request as the API understood it (after JSON parsing, so spacing and key order do not matter). */
    private String hash(Object request) {
        try {
            byte[] canonical = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key with a different request: the caller's mistake, reported as 422. */
    static final class RequestMismatchException extends CohorteException {
        RequestMismatchException(String key) {
            super(key);
        }
    }
}
