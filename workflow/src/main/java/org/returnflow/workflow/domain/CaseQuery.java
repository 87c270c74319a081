package org.returnflow.workflow.domain;

import org.returnflow.contracts.workflow.CaseState;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which cases to list. Every filter is optional; together they narrow the list.
 *
 * @param state       the case's state
 * @param operationId the operation the case belongs to
 * @param flightId    the flight of the seat the case holds now
 * @param blocker     a blocker code that stands open for the case ({@code case_blocker.cleared_at} null)
 * @param facility    the facility that holds the person, as detention last described it
 * @param reach       the facilities the caller may see (its {@code facilities} claim), or null for no limit;
 *                    a case whose facility the workflow does not know is outside every limited reach
 */
public record CaseQuery(CaseState state, UUID operationId, UUID flightId, String blocker, String facility,
                        Set<String> reach) {

    public CaseQuery {
        reach = reach == null ? null : Set.copyOf(reach);
    }

    /** Every case of an operation within the caller's reach. */
    public static CaseQuery ofOperation(UUID operationId, Set<String> reach) {
        return new CaseQuery(null, operationId, null, null, null, reach);
    }

    /** The SQL condition on {@code removal_case} (aliased {@code c}) and its arguments, in order. */
    Condition condition() {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (state != null) {
            conditions.add("c.state = ?");
            args.add(state.name());
        }
        if (operationId != null) {
            conditions.add("c.operation_id = ?");
            args.add(operationId);
        }
        if (flightId != null) {
            conditions.add("c.flight_id = ?");
            args.add(flightId);
        }
        if (blocker != null) {
            conditions.add("exists (select 1 from case_blocker b where b.case_id = c.case_id and b.cleared_at is null "
                    + "and b.code = ?)");
            args.add(blocker);
        }
        if (facility != null) {
            conditions.add("c.facility_code = ?");
            args.add(facility);
        }
        if (reach != null) {
            conditions.add("c.facility_code = any(?::varchar[])");
            args.add(reach.toArray(String[]::new));
        }
        return new Condition(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), args);
    }

    /** A where clause, empty or starting with a space, and its arguments. */
    record Condition(String where, List<Object> args) {
    }
}
