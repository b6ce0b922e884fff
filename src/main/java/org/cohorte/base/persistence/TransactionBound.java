package org.cohorte.base.persistence;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Values that live as long as the current transaction: what a service learned earlier in it, and must not keep. */
public final class TransactionBound {

    private TransactionBound() {
    }

    /**
     * The value bound to the current transaction under {@code key}, made by {@code fresh} on first use and dropped
     * when the transaction ends. Outside a transaction, a fresh value each time: nothing is remembered.
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object key, Supplier<T> fresh) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return fresh.get();
        }
        T value = (T) TransactionSynchronizationManager.getResource(key);
        if (value == null) {
            value = fresh.get();
            TransactionSynchronizationManager.bindResource(key, value);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        return value;
    }
}
