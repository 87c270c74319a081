package org.returnflow.workflow.domain;

import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.BusinessRuleException;
import org.returnflow.platform.web.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens removal cases, one at a time or a whole operation at once. S7 (one open case per person)
 * is the database's unique index; this class only turns its refusal into an answer.
 */
@Service
public class CaseOpening {

    private final CaseRecords cases;
    private final CaseStarter starter;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    public CaseOpening(CaseRecords cases, CaseStarter starter, JdbcTemplate jdbc, AuditLog audit) {
        this.cases = cases;
        this.starter = starter;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Records a case and starts its process instance, in one transaction.
     *
     * @throws ConflictException     when the person already has an open case
     * @throws BusinessRuleException when the operation does not exist or goes elsewhere
     */
    @Transactional
    public UUID open(UUID detaineeId, String destinationCountry, UUID operationId, String actor) {
        if (operationId != null) {
            String operationCountry = findOperationCountry(operationId).orElseThrow(() ->
                    new BusinessRuleException("No removal operation " + operationId, "operationId"));
            if (!operationCountry.equals(destinationCountry)) {
                throw new BusinessRuleException("Operation " + operationId + " goes to " + operationCountry
                        + ", not " + destinationCountry, "destinationCountry");
            }
        }
        UUID caseId = UUID.randomUUID();
        try {
            cases.insert(caseId, detaineeId, operationId, destinationCountry, true, actor);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Detainee " + detaineeId + " already has an open removal case", "detaineeId");
        }
        audit.recordChange("CASE_OPENED", "RemovalCase", caseId, "detainee " + detaineeId + " to " + destinationCountry);
        starter.start(caseId, detaineeId, destinationCountry, operationId);
        return caseId;
    }

    /**
     * Records an operation and one case per person who has no open case; their instances start in
     * the background after commit.
     */
    @Transactional
    public List<OperationCase> openOperation(UUID operationId, String name, String destinationCountry,
                                             List<UUID> detaineeIds, String actor) {
        jdbc.update("insert into removal_operation (id, name, destination_country, created_by) values (?, ?, ?, ?)",
                operationId, name, destinationCountry, actor);
        Map<UUID, UUID> created = cases.insertForOperation(operationId, destinationCountry, detaineeIds, actor);
        List<UUID> refused = detaineeIds.stream().filter(d -> !created.containsKey(d)).toList();
        Map<UUID, UUID> openElsewhere = refused.isEmpty() ? Map.of() : cases.openCasesOf(refused);
        List<OperationCase> outcome = new ArrayList<>(detaineeIds.size());
        for (UUID detaineeId : detaineeIds) {
            UUID caseId = created.get(detaineeId);
            outcome.add(caseId != null
                    ? new OperationCase(detaineeId, caseId, OperationCase.Outcome.ACCEPTED)
                    : new OperationCase(detaineeId, openElsewhere.get(detaineeId), OperationCase.Outcome.REFUSED_OPEN_CASE));
        }
        audit.recordChange("OPERATION_OPENED", "RemovalOperation", operationId,
                created.size() + " cases to " + destinationCountry + ", " + refused.size() + " refused (open case)");
        starter.nudgeAfterCommit();
        return outcome;
    }

    /** The operation with its case counts by state. */
    @Transactional(readOnly = true)
    public Optional<RemovalOperation> operation(UUID operationId) {
        return jdbc.query("select id, name, destination_country, created_at, created_by from removal_operation "
                                + "where id = ?",
                        (rs, n) -> new RemovalOperation(rs.getObject("id", UUID.class), rs.getString("name"),
                                rs.getString("destination_country"), rs.getTimestamp("created_at").toInstant(),
                                rs.getString("created_by"), 0, Map.of()), operationId)
                .stream().findFirst()
                .map(o -> {
                    Map<CaseState, Long> byState = cases.countsByState(operationId);
                    long total = byState.values().stream().mapToLong(Long::longValue).sum();
                    return new RemovalOperation(o.id(), o.name(), o.destinationCountry(), o.createdAt(), o.createdBy(),
                            total, byState);
                });
    }

    private Optional<String> findOperationCountry(UUID operationId) {
        return jdbc.query("select destination_country from removal_operation where id = ?",
                (rs, n) -> rs.getString(1), operationId).stream().findFirst();
    }
}
