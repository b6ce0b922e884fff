package org.cohorte.identity.security;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.cohorte.base.persistence.DatabaseDialect;
import org.cohorte.base.time.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an account for good: after
 * {@code cohorte.sign-in.max-failures} consecutive failed sign-ins (5 by default) the account is locked for
 * {@code cohorte.sign-in.lock-duration} (15 minutes by default), during which even the right password is
 * refused; then it opens again by itself, and an administrator may open it sooner. That lets a guesser try
 * at most 480 passwords a day on one account, against a policy that refuses the common ones, while a person
 * who mistypes a few times is not stopped and one who is locked out waits minutes, not for a helpdesk.
 * <p>
 * The state is a row per account in {@code sign_in_lock}, in the database every node shares. Each attempt
 * locks that row until its transaction ends, so concurrent guesses on one account, on any node, are counted
 * one after the other: none is evaluated against a stale count.
 * <p>
 * Failed sign-ins, locks and unlocks are logged with the user id and the client address, never the password.
 */
@Component
public class SignInThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(SignInThrottle.class);

    public enum Outcome { SIGNED_IN, WRONG_PASSWORD, LOCKED }

    private record Row(int failures, Instant lockedUntil) {
    }

    private final JdbcTemplate jdbc;
    private final DatabaseDialect dialect;
    private final int maxFailures;
    private final Duration lockDuration;

    public SignInThrottle(JdbcTemplate jdbc, DatabaseDialect dialect,
                          @Value("${cohorte.sign-in.max-failures:5}") int maxFailures,
                          @Value("${cohorte.sign-in.lock-duration:15m}") Duration lockDuration) {
        if (maxFailures < 1 || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("cohorte.sign-in.max-failures must be at least 1 and "
                    + "cohorte.sign-in.lock-duration positive");
        }
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.maxFailures = maxFailures;
        this.lockDuration = lockDuration;
    }

    /**
     * One sign-in attempt on an existing account, inside the caller's transaction (whose commit records it):
     * refused unchecked while the account is locked, otherwise the password is checked and the outcome
     * counted. Callers must not run it inside a transaction that may roll back, or the failure is forgotten.
     */
    public Outcome attempt(String userId, BooleanSupplier passwordMatches) {
        Instant now = EngineClock.now();
        ensureRow(userId);
        Row row = jdbc.queryForObject("select failures, locked_until from sign_in_lock where user_id = ? for update",
                (rs, n) -> new Row(rs.getInt("failures"), instant(rs.getObject("locked_until", OffsetDateTime.class))),
                userId);
        int failures = row.failures();
        Instant lockedUntil = row.lockedUntil();
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            LOG.warn("Sign-in refused, account locked: user={} address={} lockedUntil={}", userId, clientAddress(),
                    lockedUntil);
            return Outcome.LOCKED;
        }
        if (passwordMatches.getAsBoolean()) {
            if (failures > 0 || lockedUntil != null) {
                jdbc.update("update sign_in_lock set failures = 0, locked_until = null where user_id = ?", userId);
            }
            return Outcome.SIGNED_IN;
        }
        failures++;
        if (failures >= maxFailures) {
            Instant until = now.plus(lockDuration);
            jdbc.update("update sign_in_lock set failures = 0, locked_until = ?, last_failure_at = ? where user_id = ?",
                    timestamp(until), timestamp(now), userId);
            LOG.warn("Sign-in failed, account locked after {} failures: user={} address={} lockedUntil={}", failures,
                    userId, clientAddress(), until);
        } else {
            jdbc.update("update sign_in_lock set failures = ?, last_failure_at = ? where user_id = ?",
                    failures, timestamp(now), userId);
            LOG.warn("Sign-in failed: user={} address={} failures={}/{}", userId, clientAddress(), failures, maxFailures);
        }
        return Outcome.WRONG_PASSWORD;
    }

    /** A sign-in with an id no account has: nothing to count, but it is logged like any failure. */
    public void unknownUser(String typedUserId) {
        LOG.warn("Sign-in failed, unknown user: user={} address={}", loggable(typedUserId), clientAddress());
    }

    /** Opens a locked account now; {@code by} is who asked (checked by the caller). True if it was locked. */
    public boolean unlock(String userId, String by) {
        Instant now = EngineClock.now();
        int opened = jdbc.update("update sign_in_lock set failures = 0, locked_until = null "
                + "where user_id = ? and (locked_until > ? or failures > 0)", userId, timestamp(now));
        LOG.warn("Account unlocked: user={} by={} address={} wasLocked={}", userId, loggable(by), clientAddress(),
                opened > 0);
        return opened > 0;
    }

    /** Accounts locked right now, and until when. */
    public Map<String, Instant> lockedAccounts() {
        Map<String, Instant> locked = new HashMap<>();
        jdbc.query("select user_id, locked_until from sign_in_lock where locked_until > ?",
                rs -> {
                    locked.put(rs.getString("user_id"), instant(rs.getObject("locked_until", OffsetDateTime.class)));
                }, timestamp(EngineClock.now()));
        return locked;
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration lockDuration() {
        return lockDuration;
    }

    /**
     * The row must exist before the attempt locks it. Inserted in the attempt's own transaction, on its own
     * connection (a second one per attempt could empty the pool under a password-spraying flood): PostgreSQL
     * skips a row a racing attempt inserted first (a failed statement would abort its transaction); H2 only
     * fails the statement, so the duplicate is ignored there.
     */
    private void ensureRow(String userId) {
        Integer rows = jdbc.queryForObject("select count(*) from sign_in_lock where user_id = ?", Integer.class, userId);
        if (rows != null && rows > 0) {
            return;
        }
        if (dialect.isPostgres()) {
            jdbc.update("insert into sign_in_lock (user_id, failures) values (?, 0) on conflict (user_id) do nothing",
                    userId);
            return;
        }
        try {
            jdbc.update("insert into sign_in_lock (user_id, failures) values (?, 0)", userId);
        } catch (DataIntegrityViolationException | ConcurrencyFailureException raced) {
            // Another attempt inserted it first: the row is there, which is all this needed.
        }
    }

    private static String clientAddress() {
        return ClientAddressFilter.current();
    }

    /** A typed id goes to the log as it was typed, minus anything that could forge or break a log line. */
    static String loggable(String typed) {
        if (typed == null) {
            return "-";
        }
        String clean = typed.replaceAll("[^A-Za-z0-9._@-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
