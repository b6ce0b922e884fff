package org.cohorte.base.outbox;

import java.time.Instant;
import java.util.UUID;

/** One outward e-mail as kept in {@code outbox_message}. */
public record OutboxMessage(UUID id, String kind, String recipient, String toAddress, String subject, String body,
                            Instant createdAt, int attempts, Instant nextAttemptAt, Instant sentAt, String lastError) {
}
