package org.cohorte.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.text.PlainText;
import org.cohorte.base.time.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens, the one credential of Cohorte's HTTP APIs. A browser never sends one by itself
 * (unlike a session cookie or remembered HTTP Basic credentials), so no other site can make a signed-in
 * member's browser act through the API. A member makes, lists and revokes their own tokens on "Mon profil";
 * the token is shown once and only its SHA-256 hash is stored (a random 256-bit secret needs no slow hash).
 */
@Service
public class ApiTokenService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenService.class);

    public static final String PREFIX = "coh_";
    public static final int MAX_LABEL = 100;
    public static final int MAX_ACTIVE = 10;
    public static final List<Integer> VALIDITY_DAYS = List.of(30, 90, 365);
    /** "Last used" is written at most this often: it informs the owner, it is not an audit trail. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record TokenSummary(UUID id, String label, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
    }

    /** A token just made: {@code secret} is the only time the token itself is known. */
    public record NewToken(TokenSummary summary, String secret) {
    }

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final IdentityService identityService;

    public ApiTokenService(JdbcTemplate jdbc, CurrentUser currentUser, IdentityService identityService) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.identityService = identityService;
    }

    /** A new token for the signed-in member, valid for one of {@link #VALIDITY_DAYS} days. */
    @Transactional
    public NewToken create(String label, int validityDays) {
        String me = currentUser.userId();
        String name = PlainText.clean(label);
        if (name == null || name.isBlank()) {
            throw new CohorteException("identity.token.labelRequired");
        }
        name = name.strip();
        if (name.length() > MAX_LABEL) {
            throw new CohorteException("identity.token.labelTooLong", MAX_LABEL);
        }
        if (!VALIDITY_DAYS.contains(validityDays)) {
            throw new CohorteException("identity.token.validityInvalid");
        }
        Instant now = EngineClock.now();
        Integer active = jdbc.queryForObject("select count(*) from api_token where user_id = ? and revoked_at is null"
                + " and expires_at > ?", Integer.class, me, Timestamp.from(now));
        if (active != null && active >= MAX_ACTIVE) {
            throw new CohorteException("identity.token.tooMany", MAX_ACTIVE);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(Duration.ofDays(validityDays));
        jdbc.update("insert into api_token (id, user_id, label, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?, ?)",
                id, me, name, hash(secret), Timestamp.from(now), Timestamp.from(expires));
        LOG.info("API token {} created by {} (expires {})", id, me, expires);
        return new NewToken(new TokenSummary(id, name, now, expires, null), secret);
    }

    /** The signed-in member's tokens that still work, newest first. */
    @Transactional(readOnly = true)
    public List<TokenSummary> mine() {
        String me = currentUser.userId();
        return jdbc.query("select id, label, created_at, expires_at, last_used_at from api_token where user_id = ?"
                        + " and revoked_at is null and expires_at > ? order by created_at desc",
                (rs, i) -> new TokenSummary(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))),
                me, Timestamp.from(EngineClock.now()));
    }

    /** Revokes one of the signed-in member's tokens (an administrator may revoke anyone's). */
    @Transactional
    public void revoke(UUID tokenId) {
        CurrentUser.Identity me = currentUser.require();
        int changed = me.isAdmin()
                ? jdbc.update("update api_token set revoked_at = ? where id = ? and revoked_at is null",
                        Timestamp.from(EngineClock.now()), tokenId)
                : jdbc.update("update api_token set revoked_at = ? where id = ? and user_id = ? and revoked_at is null",
                        Timestamp.from(EngineClock.now()), tokenId, me.userId());
        if (changed == 0) {
            throw new NotFoundException("identity.token.notFound");
        }
        LOG.info("API token {} revoked by {}", tokenId, me.userId());
    }

    /** Revokes every token of a member, for an administrator removing or blocking the account. */
    @Transactional
    public int revokeAllOf(String userId) {
        currentUser.requireAnyGroup(Roles.ADMIN);
        int changed = jdbc.update("update api_token set revoked_at = ? where user_id = ? and revoked_at is null",
                Timestamp.from(EngineClock.now()), userId);
        LOG.info("{} API token(s) of {} revoked by {}", changed, userId, currentUser.userId());
        return changed;
    }

    /**
     * Who a presented token belongs to, if it is a live token of an existing account: called by the API's
     * filter before anyone is signed in. Refusals say nothing about why (unknown, expired, revoked).
     */
    @Transactional
    public Optional<String> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Instant now = EngineClock.now();
        List<Object[]> rows = jdbc.query("select id, user_id, expires_at, revoked_at, last_used_at from api_token"
                        + " where token_hash = ?",
                (rs, i) -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))}, hash(presented));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        String userId = (String) row[1];
        if (row[3] != null || !((Instant) row[2]).isAfter(now)
                || identityService.createUserQuery().userId(userId).count() == 0) {
            return Optional.empty();
        }
        Instant lastUsed = (Instant) row[4];
        if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USED_GRANULARITY))) {
            jdbc.update("update api_token set last_used_at = ? where id = ?", Timestamp.from(now), row[0]);
        }
        return Optional.of(userId);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
