package org.cohorte.base.error;

/** A person created too much too fast (HTTP 429): the message says how long to wait. */
public class TooManyRequestsException extends CohorteException {

    public TooManyRequestsException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
