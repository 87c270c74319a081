package org.returnflow.workflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.ForbiddenException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.CaseControl;
import org.returnflow.workflow.domain.CaseControl.Action;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * An agency controls its cases: withdraw, suspend and resume a case, cancel an operation. Each takes
 * a reason code and answers 202: the case's process carries it out (releases the seat, notifies),
 * and the case's state shows when it has.
 */
@RestController
class CaseControlController {

    private final CaseControl control;
    private final CaseRecords cases;

    CaseControlController(CaseControl control, CaseRecords cases) {
        this.control = control;
        this.cases = cases;
    }

    /** Why: an upper-case code, never free text about a person. */
    record ControlRequest(@NotBlank @Pattern(regexp = "^[A-Z][A-Z0-9_]{1,39}$",
            message = "must be an upper-case code such as COURT_ORDER") String reason) {
    }

    record ControlAccepted(UUID caseId, String requested) {
    }

    record OperationCancelled(UUID operationId, List<CaseControl.Outcome> cases) {
    }

    @Operation(summary = "Withdraw a case, with a reason code; the process ends it")
    @ApiResponse(responseCode = "202", description = "Accepted; the case's state shows when the process has carried it out")
    @PostMapping("/api/removal-cases/{caseId}/withdraw")
    ResponseEntity<ControlAccepted> withdraw(@PathVariable UUID caseId, @Valid @RequestBody ControlRequest request) {
        return apply(caseId, Action.WITHDRAW, request);
    }

    @Operation(summary = "Suspend a case, with a reason code, until it is resumed")
    @ApiResponse(responseCode = "202", description = "Accepted; the case's state shows when the process has carried it out")
    @PostMapping("/api/removal-cases/{caseId}/suspend")
    ResponseEntity<ControlAccepted> suspend(@PathVariable UUID caseId, @Valid @RequestBody ControlRequest request) {
        return apply(caseId, Action.SUSPEND, request);
    }

    @Operation(summary = "Resume a suspended case, with a reason code")
    @ApiResponse(responseCode = "202", description = "Accepted; the case's state shows when the process has carried it out")
    @PostMapping("/api/removal-cases/{caseId}/resume")
    ResponseEntity<ControlAccepted> resume(@PathVariable UUID caseId, @Valid @RequestBody ControlRequest request) {
        return apply(caseId, Action.RESUME, request);
    }

    @Operation(summary = "Cancel an operation: withdraw each of its open cases with the reason code, reporting any refused")
    @PostMapping("/api/removal-operations/{operationId}/cancel")
    OperationCancelled cancel(@PathVariable UUID operationId, @Valid @RequestBody ControlRequest request) {
        if (Caller.current().facilities().isPresent()) {
            // an operation spans facilities: only a client of every facility may cancel all its cases
            throw new ForbiddenException("cancelling an operation needs a client of every facility (facilities: [\"*\"])",
                    "operationId");
        }
        return new OperationCancelled(operationId, control.cancelOperation(operationId, request.reason(),
                Caller.current().principal()));
    }

    private ResponseEntity<ControlAccepted> apply(UUID caseId, Action action, ControlRequest request) {
        // a case outside the caller's facilities is unknown to it, as on reads (fails closed)
        cases.find(caseId).filter(c -> RemovalCaseController.withinReach(c.facilityCode()))
                .orElseThrow(() -> new NotFoundException("Removal case", caseId));
        control.apply(caseId, action, request.reason(), Caller.current().principal());
        return ResponseEntity.accepted().body(new ControlAccepted(caseId, action.name()));
    }
}
