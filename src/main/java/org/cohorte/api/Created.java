package org.cohorte.api;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What a creation answers: 201 the first time, 200 with {@code replayed} for a retry with the same key. */
record Created(UUID id, boolean replayed) {

    static ResponseEntity<Created> of(IdempotentCalls.Outcome outcome) {
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
                .body(new Created(outcome.id(), outcome.replayed()));
    }
}
