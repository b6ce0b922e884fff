package org.cohorte.base.error;

/** Someone else changed or completed the same thing first; nothing of the caller's input was written. */
public class ConflictException extends CohorteException {
    public ConflictException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
