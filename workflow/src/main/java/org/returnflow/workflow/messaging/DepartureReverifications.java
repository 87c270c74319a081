package org.returnflow.workflow.messaging;

import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.PollingWorker;
import org.returnflow.workflow.process.ProcessConstants.Msg;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Re-verification before departure: at T-72 h and T-2 h before the departure of the seat a case
 * holds, the case verifies its eligibility again with a fresh answer from detention (holds,
 * permits, documents, fitness to fly, custody, status claims), whatever events it may have missed.
 * Each time a threshold falls due, a row in {@code case_reverification} (one per case, threshold
 * and departure, so a rescheduled departure arms both again) and a {@code ReverificationRequested}
 * through the inbox, in one transaction: the inbox correlates it to the case's verification, retries
 * it while the instance is busy, and keeps it if it cannot. Cases already boarded are left alone.
 */
@Component
public class DepartureReverifications extends PollingWorker {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CaseInbox inbox;

    public DepartureReverifications(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CaseInbox inbox,
                                    @Value("${returnflow.workflow.reverification.poll-interval:60s}") Duration pollInterval) {
        super("departure-reverifications", pollInterval);
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.inbox = inbox;
    }

    @Override
    protected boolean runOnce(int lane, int lanes) {
        Boolean full = tx.execute(status -> {
            List<Due> due = jdbc.query("insert into case_reverification (case_id, threshold, departure_at) "
                            + "select s.case_id, t.threshold, s.departure_at from case_seat s "
                            + "cross join (values ('T72H', interval '72 hours'), ('T2H', interval '2 hours')) as t(threshold, lead) "
                            + "join removal_case c on c.case_id = s.case_id and c.ended_at is null and c.state <> 'BOARDED' "
                            + "where s.departure_at - t.lead <= now() and s.departure_at > now() "
                            + "and not exists (select 1 from case_reverification r where r.case_id = s.case_id "
                            + "and r.threshold = t.threshold and r.departure_at = s.departure_at) "
                            + "order by s.departure_at limit 100 "
                            + "on conflict do nothing returning case_id, threshold, departure_at",
                    (rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class)));
            for (Due d : due) {
                inbox.accept(Reply.to(Msg.REVERIFICATION_REQUESTED, d.caseId())
                                .detail(d.threshold() + " before the departure at " + d.departureAt().toInstant()),
                        new MessageContext("reverify-" + d.caseId() + "-" + d.threshold() + "-" + d.departureAt().toInstant(),
                                "returnflow.workflow.ReverificationRequested", "/returnflow/workflow", d.caseId().toString(),
                                OffsetDateTime.now(), null, 0, 0));
            }
            return due.size() == 100;
        });
        return Boolean.TRUE.equals(full);
    }

    private record Due(UUID caseId, String threshold, OffsetDateTime departureAt) {
    }
}
