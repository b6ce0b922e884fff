package org.cohorte.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notification ready to be shown: the key and arguments to translate, where it leads, whether it was read. */
public record NotificationView(UUID id, String messageKey, List<String> args, String link, Instant createdAt,
                               boolean read) {
}
