package org.returnflow.workflow.domain;

import org.returnflow.contracts.workflow.CaseState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reading return operations: newest first, each with its cases counted by state. */
@Repository
public class RemovalOperations {

    private final JdbcTemplate jdbc;

    public RemovalOperations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of operations, newest first, with the counts of their cases by state. */
    @Transactional(readOnly = true)
    public List<RemovalOperation> page(int page, int size) {
        List<RemovalOperation> operations = jdbc.query("select id, name, destination_country, created_at, created_by "
                        + "from removal_operation order by created_at desc, id limit ? offset ?",
                (rs, n) -> new RemovalOperation(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("destination_country"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"), 0, Map.of()),
                size, (long) page * size);
        if (operations.isEmpty()) {
            return operations;
        }
        Map<UUID, Map<CaseState, Long>> counts = new HashMap<>();
        jdbc.query("select operation_id, state, count(*) from removal_case where operation_id = any(?::uuid[]) "
                        + "group by operation_id, state",
                rs -> {
                    counts.computeIfAbsent(rs.getObject(1, UUID.class), k -> new EnumMap<>(CaseState.class))
                            .put(CaseState.valueOf(rs.getString(2)), rs.getLong(3));
                }, (Object) operations.stream().map(o -> o.id().toString()).toArray(String[]::new));
        List<RemovalOperation> counted = new ArrayList<>(operations.size());
        for (RemovalOperation o : operations) {
            Map<CaseState, Long> byState = counts.getOrDefault(o.id(), Map.of());
            counted.add(new RemovalOperation(o.id(), o.name(), o.destinationCountry(), o.createdAt(), o.createdBy(),
                    byState.values().stream().mapToLong(Long::longValue).sum(), byState));
        }
        return counted;
    }

    public long count() {
        Long n = jdbc.queryForObject("select count(*) from removal_operation", Long.class);
        return n == null ? 0 : n;
    }
}
