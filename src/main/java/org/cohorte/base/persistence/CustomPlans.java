package org.cohorte.base.persistence;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * PostgreSQL switches a prepared statement to one generic plan after five runs. Where the best plan depends on the
 * parameters (one person's tasks among 70 000, a common word or a rare one), the statements of the current
 * transaction are planned for their own parameters instead. Elsewhere, and outside a transaction, nothing changes.
 */
public final class CustomPlans {

    private CustomPlans() {
    }

    public static void forThisTransaction(JdbcTemplate jdbc, boolean postgres) {
        if (postgres && TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }
}
