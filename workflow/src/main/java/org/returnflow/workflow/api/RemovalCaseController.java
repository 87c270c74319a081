package org.returnflow.workflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.platform.web.PageResponse;
import org.returnflow.workflow.api.CaseViews.CaseOpened;
import org.returnflow.workflow.api.CaseViews.CaseSummary;
import org.returnflow.workflow.api.CaseViews.CaseView;
import org.returnflow.workflow.api.CaseViews.OpenCaseRequest;
import org.returnflow.workflow.domain.CaseOpening;
import org.returnflow.workflow.domain.CaseQuery;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.RemovalCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One person's removal case: open it, read it with its history (S8), find cases by state, operation, flight, blocker or facility. */
@RestController
@RequestMapping("/api/removal-cases")
@Tag(name = "removal cases", description = "One person's removal case: its state, blockers and history")
class RemovalCaseController {

    private static final String SUBJECT = "RemovalCase";
    /** A facility code as detention takes it: letters, digits, dots, dashes and underscores, at most 20. */
    static final String FACILITY_CODE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,19}";
    /** Beyond this a page is no longer a page of a list anybody reads: 100,000 cases at 100 a page. */
    static final int MAX_PAGE = 1000;
    private static final Set<String> LIST_PARAMETERS = Set.of("state", "operationId", "flightId", "blocker", "facility",
            "page", "size");

    private final CaseOpening opening;
    private final CaseRecords cases;
    private final AuditLog audit;

    RemovalCaseController(CaseOpening opening, CaseRecords cases, AuditLog audit) {
        this.opening = opening;
        this.cases = cases;
        this.audit = audit;
    }

    /** Opens a case and starts its process; 409 when the person already has an open case (S7). */
    @PostMapping
    @Operation(summary = "Open a person's removal case and start its process; 409 when the person already has an "
            + "open case (S7)")
    @ApiResponse(responseCode = "201", description = "Opened; Location names the case")
    ResponseEntity<CaseOpened> open(@Valid @RequestBody OpenCaseRequest request) {
        UUID caseId = opening.open(request.detaineeId(), request.destinationCountry(), request.operationId(),
                Caller.current().principal());
        return ResponseEntity.created(URI.create("/api/removal-cases/" + caseId)).body(new CaseOpened(caseId));
    }

    @GetMapping("/{caseId}")
    @Operation(summary = "A case with its state, blockers and the history of every decision (S8)")
    CaseView get(@PathVariable UUID caseId) {
        // A case at a facility outside the caller's reach reads as unknown (DESIGN.md "Object level").
        RemovalCase c = cases.find(caseId).filter(found -> withinReach(found.facilityCode()))
                .orElseThrow(() -> new NotFoundException("Removal case", caseId));
        auditPartnerRead(caseId);
        return CaseView.of(c, cases.history(caseId));
    }

    /**
     * Cases, newest first, narrowed by any of the filters; a facility-scoped caller sees only the cases
     * of its facilities. A misspelt, repeated or empty filter is a 400 naming it, never ignored.
     */
    @GetMapping
    @Operation(summary = "Cases, paged, by state, operation, flight, blocker and facility")
    PageResponse<CaseSummary> list(@RequestParam(required = false) CaseState state,
                                   @RequestParam(required = false) UUID operationId,
                                   @RequestParam(required = false) UUID flightId,
                                   @RequestParam(required = false) BlockerCode blocker,
                                   @RequestParam(required = false) @Pattern(regexp = FACILITY_CODE,
                                           message = "must be a facility code such as LA-ASF") String facility,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size,
                                   HttpServletRequest request) {
        QueryParameters.allowOnly(request, LIST_PARAMETERS);
        CaseQuery query = new CaseQuery(state, operationId, flightId, blocker == null ? null : blocker.name(), facility,
                Caller.current().facilities().orElse(null));
        List<RemovalCase> content = cases.page(query, page, size);
        content.forEach(c -> auditPartnerRead(c.caseId()));
        return PageResponse.of(content.stream().map(CaseSummary::of).toList(), page, size, cases.count(query));
    }

    /** Whether a case held at this facility (null: not yet known) is within the caller's facilities. */
    static boolean withinReach(String facilityCode) {
        Caller caller = Caller.current();
        return caller.facilities().isEmpty() || facilityCode != null && caller.mayAccessFacility(facilityCode);
    }

    /** A partner's read of a person's case is audited with its purpose; the agencies' own reads are not. */
    private void auditPartnerRead(UUID caseId) {
        if (Caller.current().partner()) {
            audit.recordRead(SUBJECT, caseId);
        }
    }
}
