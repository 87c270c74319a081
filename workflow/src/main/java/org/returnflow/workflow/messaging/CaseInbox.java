package org.returnflow.workflow.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.messaging.InboxRows.ParkReason;
import org.springframework.stereotype.Component;

/**
 * Where every reply for a case enters the workflow. It runs inside the consumer's transaction,
 * together with the {@code processed_message} row of the CloudEvents id, in the order the case's
 * messages arrive on its partition, and never talks to the engine:
 * <ol>
 *   <li>It decides whether the reply stands: a reply to a command must name the newest request of
 *   its kind, unanswered and not superseded; an event about the case's seat must be about the
 *   flight the case holds. A reply that does not stand is a {@code STALE_REPLY} in the history and
 *   changes nothing.</li>
 *   <li>A reply that stands records its safeguard fact (blockers, consent, seat) and its history
 *   line, and goes to {@code inbox_message}; the {@link InboxCorrelator} correlates it right after
 *   commit, in a transaction of its own.</li>
 * </ol>
 * So a correlation that fails, or finds no waiting instance yet, never rolls back the consumption,
 * and a redelivered message is never taken twice. A reply for a case that has ended, or for no known
 * case, is parked with a reason.
 */
@Component
public class CaseInbox {

    private final CaseRecords cases;
    private final CaseRequests requests;
    private final CaseSafeguards safeguards;
    private final AwaitedMessages awaited;
    private final InboxRows rows;
    private final InboxCorrelator correlator;

    public CaseInbox(CaseRecords cases, CaseRequests requests, CaseSafeguards safeguards, AwaitedMessages awaited,
                     InboxRows rows, InboxCorrelator correlator, MeterRegistry meters) {
        this.cases = cases;
        this.requests = requests;
        this.safeguards = safeguards;
        this.awaited = awaited;
        this.rows = rows;
        this.correlator = correlator;
        Gauge.builder("returnflow.workflow.inbox.pending", rows, InboxRows::pendingCount)
                .description("Replies waiting for their instance to reach the matching wait state")
                .register(meters);
    }

    /** Accepts a reply in the consumer's transaction. */
    public void accept(Reply reply, MessageContext context) {
        String actor = serviceOf(context.source());
        boolean awaitable = reply.correlate() && awaited.declared(reply.messageName());
        switch (cases.status(reply.caseId())) {
            case UNKNOWN -> {
                if (awaitable) {
                    rows.parkNew(reply, context.id(), actor, ParkReason.UNKNOWN_CASE);
                }
            }
            case ENDED -> {
                cases.append(reply.caseId(), actor, reply.kind(), reply.detail());
                if (awaitable) {
                    rows.parkNew(reply, context.id(), actor, ParkReason.CASE_ENDED);
                }
            }
            case OPEN -> {
                String stale = staleBecause(reply);
                if (stale != null) {
                    cases.append(reply.caseId(), actor, "STALE_REPLY", reply.messageName() + " " + context.id() + ": "
                            + stale + "; changes nothing" + (reply.detail() == null ? "" : " (" + reply.detail() + ")"));
                    return;
                }
                if (reply.answers() != null) {
                    requests.answered(reply.requestId(), reply.messageName(), context.id());
                }
                reply.fact().record(safeguards, requests, context.id());
                cases.append(reply.caseId(), actor, reply.kind(), reply.detail());
                if (awaitable) {
                    rows.pending(reply, context.id(), actor);
                    correlator.nudgeAfterCommit(reply.caseId());
                }
            }
        }
    }

    /** Why the reply does not stand for its case, or null when it does. */
    private String staleBecause(Reply reply) {
        if (reply.answers() != null) {
            CaseRequests.Standing standing = requests.standing(reply.caseId(), reply.requestId(), reply.answers());
            if (!standing.current()) {
                return "answers request " + reply.requestId() + " of " + reply.answers() + ": " + standing;
            }
        }
        if (reply.seatFlightId() != null && !safeguards.seat(reply.caseId())
                .map(seat -> seat.flightId().equals(reply.seatFlightId())).orElse(false)) {
            return "the case holds no seat on flight " + reply.seatFlightId();
        }
        return reply.standing().staleBecause(safeguards, requests);
    }

    /** The service that sent a message, from its CloudEvents source {@code /returnflow/<service>}. */
    static String serviceOf(String source) {
        if (source == null || source.isBlank()) {
            return "unknown";
        }
        String s = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
