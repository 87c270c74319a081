package org.returnflow.bench.engine;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The services' replies, answered inside the engine: a send task registers its reply, and once the
 * send task's transaction has committed (the process then waits for the reply), a correlating
 * thread correlates it by business key, as the workflow's inbox correlator does. Like the workflow,
 * it has two correlating lanes, and a case always goes to the same lane, so two lanes never
 * correlate to one instance at once.
 */
final class InEngineReplies {

    private final RuntimeService runtime;
    private final ExecutorService[] lanes;
    private final AtomicLong correlated = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    InEngineReplies(RuntimeService runtime, int lanes) {
        this.runtime = runtime;
        this.lanes = new ExecutorService[lanes];
        for (int i = 0; i < lanes; i++) {
            int lane = i;
            this.lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "in-engine-replies-" + lane);
                t.setDaemon(true);
                return t;
            });
        }
    }

    long correlated() {
        return correlated.get();
    }

    long retried() {
        return retried.get();
    }

    /**
     * Correlates {@code message} to the case after the current transaction commits.
     *
     * @param localMatch  the receiving execution's local variable that must match (recipientType), or null
     */
    void afterCommit(String message, String caseId, Map<String, Object> variables, Map.Entry<String, Object> localMatch,
                     Map<String, Object> localVariables) {
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                committed -> {
                    ExecutorService lane = lane(caseId);
                    if (!lane.isShutdown()) {
                        lane.execute(() -> correlate(message, caseId, variables, localMatch, localVariables));
                    }
                });
    }

    private void correlate(String message, String caseId, Map<String, Object> variables, Map.Entry<String, Object> localMatch,
                           Map<String, Object> localVariables) {
        for (int attempt = 1; attempt <= 200; attempt++) {
            try {
                MessageCorrelationBuilder builder = runtime.createMessageCorrelation(message).processInstanceBusinessKey(caseId)
                        .setVariables(variables);
                if (localMatch != null) {
                    builder.localVariableEquals(localMatch.getKey(), localMatch.getValue()).setVariablesLocal(localVariables);
                }
                if (!builder.correlateAllWithResult().isEmpty()) {
                    correlated.incrementAndGet();
                    return;
                }
            } catch (OptimisticLockingException concurrentChange) {
                // a job of the same instance committed first: correlate again
            }
            retried.incrementAndGet();
            try {
                Thread.sleep(Math.min(50, attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.err.println("engine-only: " + message + " for case " + caseId + " found nothing waiting after 200 attempts");
    }

    private ExecutorService lane(String caseId) {
        return lanes[Math.floorMod(caseId.hashCode(), lanes.length)];
    }

    void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
