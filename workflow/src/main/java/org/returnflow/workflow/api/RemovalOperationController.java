package org.returnflow.workflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.workflow.api.CaseViews.OpenOperationRequest;
import org.returnflow.workflow.api.CaseViews.OperationAccepted;
import org.returnflow.workflow.api.CaseViews.OperationView;
import org.returnflow.workflow.domain.CaseOpening;
import org.returnflow.workflow.domain.OperationCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A return operation: one case per person, accepted at once (202) and started in the background,
 * so that an operation of hundreds of people is one short request.
 */
@RestController
@RequestMapping("/api/removal-operations")
@Tag(name = "removal operations", description = "A return operation: one case per person")
class RemovalOperationController {

    private final CaseOpening opening;

    RemovalOperationController(CaseOpening opening) {
        this.opening = opening;
    }

    @PostMapping
    @Operation(summary = "Open an operation: one case per person, started in the background")
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the operation, the body each "
            + "person's case")
    ResponseEntity<OperationAccepted> open(@Valid @RequestBody OpenOperationRequest request) {
        Set<UUID> seen = new HashSet<>();
        List<UUID> repeated = request.detaineeIds().stream().filter(id -> !seen.add(id)).distinct().toList();
        if (!repeated.isEmpty()) {
            throw new BadRequestException("Each detainee may be listed once; repeated: " + repeated, "detaineeIds");
        }
        UUID operationId = UUID.randomUUID();
        List<OperationCase> cases = opening.openOperation(operationId, request.name(), request.destinationCountry(),
                request.detaineeIds(), Caller.current().principal());
        return ResponseEntity.accepted().location(URI.create("/api/removal-operations/" + operationId))
                .body(new OperationAccepted(operationId, cases));
    }

    @GetMapping("/{operationId}")
    @Operation(summary = "An operation with its cases counted by state")
    OperationView get(@PathVariable UUID operationId) {
        return opening.operation(operationId).map(OperationView::of)
                .orElseThrow(() -> new NotFoundException("Removal operation", operationId));
    }
}
