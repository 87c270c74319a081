package org.returnflow.workflow.messaging;

import org.returnflow.contracts.flight.MonitorAssigned;
import org.returnflow.contracts.flight.MonitorUnassigned;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * The workflow's copy of which independent monitor is assigned to which flight, kept from flight's
 * {@code MonitorAssigned} and {@code MonitorUnassigned}. Each change carries its own time and the
 * newer wins, so a redelivered or late event changes nothing.
 */
@Component
public class MonitorAssignments {

    private final JdbcTemplate jdbc;

    public MonitorAssignments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this monitor is assigned to this flight now. */
    public boolean assigned(UUID flightId, String monitorId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from monitor_assignment where flight_id = ? "
                + "and monitor_id = ? and unassigned_at is null)", Boolean.class, flightId, monitorId));
    }

    void assign(MonitorAssigned event) {
        jdbc.update("insert into monitor_assignment (flight_id, monitor_id, assigned_at) values (?, ?, ?) "
                        + "on conflict (flight_id, monitor_id) do update set assigned_at = excluded.assigned_at, unassigned_at = null "
                        + "where monitor_assignment.assigned_at < excluded.assigned_at "
                        + "and (monitor_assignment.unassigned_at is null or monitor_assignment.unassigned_at < excluded.assigned_at)",
                event.flightId(), event.monitorId(), Timestamp.from(event.assignedAt()));
    }

    void unassign(MonitorUnassigned event) {
        jdbc.update("update monitor_assignment set unassigned_at = ? where flight_id = ? and monitor_id = ? "
                        + "and assigned_at <= ? and (unassigned_at is null or unassigned_at < ?)",
                Timestamp.from(event.unassignedAt()), event.flightId(), event.monitorId(),
                Timestamp.from(event.unassignedAt()), Timestamp.from(event.unassignedAt()));
    }

    @Component
    static class Assigned implements MessageHandler<MonitorAssigned> {
        private final MonitorAssignments assignments;

        Assigned(MonitorAssignments assignments) {
            this.assignments = assignments;
        }

        @Override
        public Class<MonitorAssigned> messageType() {
            return MonitorAssigned.class;
        }

        @Override
        public void handle(MonitorAssigned event, MessageContext context) {
            assignments.assign(event);
        }
    }

    @Component
    static class Unassigned implements MessageHandler<MonitorUnassigned> {
        private final MonitorAssignments assignments;

        Unassigned(MonitorAssignments assignments) {
            this.assignments = assignments;
        }

        @Override
        public Class<MonitorUnassigned> messageType() {
            return MonitorUnassigned.class;
        }

        @Override
        public void handle(MonitorUnassigned event, MessageContext context) {
            assignments.unassign(event);
        }
    }
}
