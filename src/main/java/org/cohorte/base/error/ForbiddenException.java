package org.cohorte.base.error;

/** The current user may not read or change this record. */
public class ForbiddenException extends CohorteException {
    public ForbiddenException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    public ForbiddenException() {
        this("error.forbidden");
    }
}
