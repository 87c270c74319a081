package org.returnflow.platform.audit;

import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Only loaded where JPA is on the class path (every service but the platform's own tests). */
final class JpaFlush {

    private JpaFlush() {
    }

    /** Flushes every entity manager bound to the current transaction. */
    static void flushBoundEntityManagers() {
        TransactionSynchronizationManager.getResourceMap().values().forEach(resource -> {
            if (resource instanceof EntityManagerHolder holder && holder.getEntityManager().isOpen()) {
                holder.getEntityManager().flush();
            }
        });
    }
}
