package org.cohorte.base.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.cohorte.base.time.EngineClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where features put outward e-mail: a row written in the caller's transaction (so a rolled-back click sends
 * nothing), sent after commit by {@link OutboxSender} on whichever node claims it first.
 */
@Service
public class Outbox {

    static final String COLUMNS = "id, kind, recipient, to_address, subject, body, created_at, attempts, "
            + "next_attempt_at, sent_at, last_error";

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues one e-mail, due at once; joins the caller's transaction (the row commits or rolls back with it). */
    @Transactional
    public UUID enqueue(String kind, String recipient, String toAddress, String subject, String body) {
        UUID id = UUID.randomUUID();
        Instant now = EngineClock.now();
        jdbc.update("insert into outbox_message (id, kind, recipient, to_address, subject, body, created_at, attempts, "
                        + "next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?)",
                id, kind, recipient, toAddress, cut(subject, 300), cut(body, 20000), at(now), at(now));
        return id;
    }

    /** A member's e-mails, oldest first (support and tests). */
    @Transactional(readOnly = true)
    public List<OutboxMessage> messagesFor(String recipient) {
        return jdbc.query("select " + COLUMNS + " from outbox_message where recipient = ? order by created_at, id",
                MAPPER, recipient);
    }

    /** How many e-mails wait to be sent (health and tests). */
    @Transactional(readOnly = true)
    public long pendingCount() {
        Long count = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null", Long.class);
        return count == null ? 0 : count;
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    static final RowMapper<OutboxMessage> MAPPER = (ResultSet rs, int row) -> new OutboxMessage(
            rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("recipient"),
            rs.getString("to_address"), rs.getString("subject"), rs.getString("body"), instant(rs, "created_at"),
            rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "sent_at"), rs.getString("last_error"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
