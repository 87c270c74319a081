package org.returnflow.workflow.domain.remedy;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.RemovalCase;
import org.returnflow.workflow.process.ProcessConstants;
import org.returnflow.workflow.process.ProcessConstants.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Remedy orders: a court found a removal wrong and orders the person's return. An order is
 * recorded for a REMOVED case and starts the process {@code return-facilitation} in the same
 * transaction, business key the remedy's id. The removal case and its history stay as they were;
 * the remedy names the case, and the remedy's own history records the way back.
 */
@Service
public class RemedyOrders {

    public static final String SUBJECT = "RemedyOrder";

    /** What the agency asks for. */
    public record Order(String court, String reference, LocalDate dueDate, String owner, Integer reportEveryDays) {
    }

    /** A remedy as the API shows it. */
    public record Remedy(UUID remedyId, UUID caseId, String court, String reference, LocalDate dueDate, String owner,
                         int reportEveryDays, String status, java.time.Instant orderedAt, String orderedBy,
                         java.time.Instant returnedAt) {
    }

    private static final RowMapper<Remedy> REMEDY = (rs, n) -> new Remedy(rs.getObject("id", UUID.class),
            rs.getObject("case_id", UUID.class), rs.getString("court"), rs.getString("reference"),
            rs.getObject("due_date", LocalDate.class), rs.getString("owner"), rs.getInt("report_every_days"),
            rs.getString("status"), rs.getTimestamp("ordered_at").toInstant(), rs.getString("ordered_by"),
            rs.getTimestamp("returned_at") == null ? null : rs.getTimestamp("returned_at").toInstant());

    private static final String COLUMNS = "id, case_id, court, reference, due_date, owner, report_every_days, status, "
            + "ordered_at, ordered_by, returned_at";

    private final JdbcTemplate jdbc;
    private final RemedyHistory history;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final AuditLog audit;
    private final int defaultReportEveryDays;
    private final Duration reportGrace;

    public RemedyOrders(JdbcTemplate jdbc, RemedyHistory history, RuntimeService runtime, IdentityService identity,
                        AuditLog audit,
                        @Value("${returnflow.workflow.remedy.report-every-days:14}") int defaultReportEveryDays,
                        @Value("${returnflow.workflow.remedy.report-grace:P3D}") Duration reportGrace) {
        this.jdbc = jdbc;
        this.history = history;
        this.runtime = runtime;
        this.identity = identity;
        this.audit = audit;
        this.defaultReportEveryDays = defaultReportEveryDays;
        this.reportGrace = reportGrace;
    }

    /**
     * Records the order and starts its process, in one transaction.
     *
     * @throws NotFoundException   when there is no such case (or the caller may not see it)
     * @throws ConflictException   when the case is not REMOVED, or already has an open remedy
     * @throws BadRequestException when the owner is not an operator
     */
    @Transactional
    public Remedy order(RemovalCase removal, Order order, String actor) {
        if (removal.state() != CaseState.REMOVED) {
            throw new ConflictException("Case " + removal.caseId() + " is " + removal.state()
                    + ": a remedy order is for a person who was removed", "caseId");
        }
        if (identity.createUserQuery().userId(order.owner()).memberOfGroup(Group.OPERATORS).count() == 0) {
            throw new BadRequestException("No operator with the user id " + order.owner(), "owner");
        }
        UUID remedyId = UUID.randomUUID();
        int every = order.reportEveryDays() == null ? defaultReportEveryDays : order.reportEveryDays();
        List<UUID> open = jdbc.queryForList("select id from remedy_order where case_id = ? and status = 'OPEN'",
                UUID.class, removal.caseId());
        if (!open.isEmpty()) {
            throw new ConflictException("Case " + removal.caseId() + " already has an open remedy " + open.get(0), "caseId");
        }
        try {
            jdbc.update("insert into remedy_order (id, case_id, court, reference, due_date, owner, report_every_days, "
                            + "ordered_by) values (?, ?, ?, ?, ?, ?, ?, ?)", remedyId, removal.caseId(), order.court(),
                    order.reference(), order.dueDate(), order.owner(), every, actor);
        } catch (DuplicateKeyException e) {
            // another order for the case won the race (one OPEN remedy per case is the database's unique index)
            throw new ConflictException("Case " + removal.caseId() + " already has an open remedy", "caseId");
        }
        history.record(remedyId.toString(), actor, "REMEDY_ORDERED", "case " + removal.caseId() + ", " + order.court() + " "
                + order.reference() + ", due " + order.dueDate() + ", owner " + order.owner() + ", report every "
                + every + " days");
        audit.recordChange("REMEDY_ORDERED", SUBJECT, remedyId, "case " + removal.caseId() + ", " + order.reference());
        runtime.startProcessInstanceByKey(ProcessConstants.REMEDY_PROCESS_KEY, remedyId.toString(),
                Variables.createVariables()
                        .putValue(ProcessConstants.Var.REMEDY_ID, remedyId.toString())
                        .putValue(ProcessConstants.Var.CASE_ID, removal.caseId().toString())
                        .putValue(ProcessConstants.Var.OWNER, order.owner())
                        .putValue(ProcessConstants.Var.REPORT_CYCLE, "R/P" + every + "D")
                        .putValue(ProcessConstants.Var.REPORT_GRACE, reportGrace.toString()));
        return find(remedyId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Remedy> find(UUID remedyId) {
        return jdbc.query("select " + COLUMNS + " from remedy_order where id = ?", REMEDY, remedyId).stream().findFirst();
    }

    /** The remedies of a case, newest first. */
    @Transactional(readOnly = true)
    public List<Remedy> ofCase(UUID caseId) {
        return jdbc.query("select " + COLUMNS + " from remedy_order where case_id = ? order by ordered_at desc, id",
                REMEDY, caseId);
    }

    /**
     * A page of remedies, newest first, optionally of one status, of cases held at one of the
     * facilities in {@code reach} (null: every facility).
     */
    @Transactional(readOnly = true)
    public List<Remedy> page(String status, Collection<String> reach, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(status, reach, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select " + COLUMNS + " from remedy_order" + where + " order by ordered_at desc, id limit ? offset ?",
                REMEDY, args.toArray());
    }

    /** How many remedies {@link #page} pages through. */
    @Transactional(readOnly = true)
    public long count(String status, Collection<String> reach) {
        List<Object> args = new ArrayList<>();
        return jdbc.queryForObject("select count(*) from remedy_order" + where(status, reach, args), Long.class,
                args.toArray());
    }

    private static String where(String status, Collection<String> reach, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            args.add(status);
        }
        if (reach != null) {
            conditions.add("case_id in (select case_id from removal_case where facility_code = any(?::varchar[]))");
            args.add(reach.toArray(String[]::new));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(UUID remedyId) {
        return history.of(remedyId);
    }
}
