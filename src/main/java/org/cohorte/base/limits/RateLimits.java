package org.cohorte.base.limits;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cohorte.base.error.TooManyRequestsException;
import org.cohorte.base.time.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How much one person may create, per minute and per day, whatever screen or API they use: enough for the
 * busiest live session, far too little for a script flooding a community (one member once made 150 questions in
 * 17.5 seconds). Each creation is counted in the database, in the creation's own transaction (a refused or
 * rolled-back creation does not count), so that every node of a cluster sees the same counts. Limits are settings:
 * {@code cohorte.limits.<action>.per-minute} and {@code .per-day}; actions: question, post, board-entry, upload,
 * proposal.
 */
@Component
public class RateLimits {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

    public static final String QUESTION = "question";
    public static final String POST = "post";
    public static final String BOARD_ENTRY = "board-entry";
    public static final String UPLOAD = "upload";
    public static final String PROPOSAL = "proposal";

    /** A limit per minute and per day. */
    public record Limit(int perMinute, int perDay) {
    }

    private static final Map<String, Limit> DEFAULTS = Map.of(
            QUESTION, new Limit(5, 50),
            POST, new Limit(20, 300),
            BOARD_ENTRY, new Limit(30, 1000),
            UPLOAD, new Limit(10, 100),
            PROPOSAL, new Limit(5, 30));

    private final JdbcTemplate jdbc;
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();

    public RateLimits(JdbcTemplate jdbc, Environment environment) {
        this.jdbc = jdbc;
        DEFAULTS.forEach((action, fallback) -> limits.put(action, new Limit(
                environment.getProperty("cohorte.limits." + action + ".per-minute", Integer.class, fallback.perMinute()),
                environment.getProperty("cohorte.limits." + action + ".per-day", Integer.class, fallback.perDay()))));
    }

    public Limit limitOf(String action) {
        return limits.get(action);
    }

    /** Sets another limit for an action (tests lower one to reach it); returns the one it replaces. */
    public Limit change(String action, Limit limit) {
        if (!DEFAULTS.containsKey(action)) {
            throw new IllegalArgumentException("No rate limit for " + action);
        }
        return limits.put(action, limit);
    }

    /**
     * Counts one creation of {@code action} by the user, or refuses it when the user already reached the limit
     * of the last minute or of the last day. Call it in the creation's transaction, before anything is written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acquire(String userId, String action) {
        Limit limit = limits.get(action);
        if (limit == null || userId == null) {
            throw new IllegalArgumentException("No rate limit for " + action);
        }
        Instant now = EngineClock.now();
        Timestamp minuteAgo = Timestamp.from(now.minus(Duration.ofMinutes(1)));
        Timestamp dayAgo = Timestamp.from(now.minus(Duration.ofDays(1)));
        Integer lastMinute = jdbc.queryForObject("select count(*) from rate_limit_hit where user_id = ? and action = ? and at > ?",
                Integer.class, userId, action, minuteAgo);
        if (lastMinute != null && lastMinute >= limit.perMinute()) {
            LOG.warn("Rate limit: {} refused a {} ({} in the last minute)", userId, action, lastMinute);
            throw new TooManyRequestsException("error.tooManyPerMinute", limit.perMinute());
        }
        Integer lastDay = jdbc.queryForObject("select count(*) from rate_limit_hit where user_id = ? and action = ? and at > ?",
                Integer.class, userId, action, dayAgo);
        if (lastDay != null && lastDay >= limit.perDay()) {
            LOG.warn("Rate limit: {} refused a {} ({} in the last day)", userId, action, lastDay);
            throw new TooManyRequestsException("error.tooManyPerDay", limit.perDay());
        }
        // Rows older than the longest window count for nothing: the person's own old rows go as new ones come.
        jdbc.update("delete from rate_limit_hit where user_id = ? and action = ? and at <= ?", userId, action, dayAgo);
        jdbc.update("insert into rate_limit_hit (user_id, action, at) values (?, ?, ?)", userId, action, Timestamp.from(now));
    }
}
