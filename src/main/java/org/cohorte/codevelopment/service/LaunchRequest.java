package org.cohorte.codevelopment.service;

import java.time.Instant;
import java.util.List;

import org.cohorte.codevelopment.domain.SessionMode;

/**
 * What the facilitator decides when launching a session. {@code timeboxMinutes}: the six steps' timeboxes in
 * minutes (null: the defaults of the mode). {@code overrideReason} is required when the client is not the
 * one the rotation suggests. {@code videoUrl}: the session's video call (https), optional.
 */
public record LaunchRequest(Instant scheduledAt, SessionMode mode, List<Integer> timeboxMinutes, String clientId,
                            String overrideReason, int followUpWeeks, String videoUrl) {

    /** Without a video call link. */
    public LaunchRequest(Instant scheduledAt, SessionMode mode, List<Integer> timeboxMinutes, String clientId,
                         String overrideReason, int followUpWeeks) {
        this(scheduledAt, mode, timeboxMinutes, clientId, overrideReason, followUpWeeks, null);
    }
}
