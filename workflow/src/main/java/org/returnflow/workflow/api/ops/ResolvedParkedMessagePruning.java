package org.returnflow.workflow.api.ops;

import org.returnflow.platform.messaging.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Deletes parked replies an operator discarded, once {@code resolved-retention} (30 days) has passed
 * since; the case history and the audit trail keep the decision. Runs every {@code prune-interval}.
 */
@Component
class ResolvedParkedMessagePruning extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(ResolvedParkedMessagePruning.class);

    private final ParkedMessages parked;
    private final Duration retention;

    ResolvedParkedMessagePruning(ParkedMessages parked,
                                 @Value("${returnflow.workflow.ops.resolved-retention:30d}") Duration retention,
                                 @Value("${returnflow.workflow.ops.prune-interval:1h}") Duration interval) {
        super("parked-message-pruning", interval);
        this.parked = parked;
        this.retention = retention;
    }

    @Override
    protected boolean runOnce(int lane, int lanes) {
        int deleted = parked.pruneResolved(retention);
        if (deleted > 0) {
            log.info("Deleted {} discarded parked messages resolved more than {} ago", deleted, retention);
        }
        return false;
    }
}
