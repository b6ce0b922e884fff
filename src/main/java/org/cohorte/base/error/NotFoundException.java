package org.cohorte.base.error;

/** The record does not exist, or the current user is not to know that it exists. */
public class NotFoundException extends CohorteException {
    public NotFoundException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    public NotFoundException() {
        this("error.notFound");
    }
}
