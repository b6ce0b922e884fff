package org.cohorte.base.error;

/**
 * "Changed meanwhile" caused by another transaction writing the same rows at the same moment (the engine's or
 * JPA's optimistic lock), not by the user acting on a stale screen: running the whole command again, from its
 * checks, is safe and usually succeeds. {@link org.cohorte.base.persistence.ConflictRetry} does so.
 */
public class ConcurrentChangeException extends ConflictException {
    public ConcurrentChangeException(String messageKey, Throwable cause) {
        super(messageKey);
        initCause(cause);
    }
}
