package org.returnflow.workflow.api.ops;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.platform.web.PageResponse;
import org.returnflow.workflow.api.ops.OpsViews.ParkedMessageView;
import org.returnflow.workflow.api.ops.OpsViews.ResolutionRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * Parked replies an operator can act on: list them, retry one, discard one (scope {@code ops:manage}).
 * Parked replies are not attributed to facilities, so a facility-scoped client sees none (404 on an
 * action), like any object outside its reach.
 */
@RestController
@RequestMapping("/api/ops/parked")
class ParkedMessageController {

    private final ParkedMessages parked;

    ParkedMessageController(ParkedMessages parked) {
        this.parked = parked;
    }

    @Operation(summary = "List the parked replies, oldest first, optionally of one case and one park reason")
    @GetMapping
    PageResponse<ParkedMessageView> list(@RequestParam(required = false) UUID caseId,
                                         @RequestParam(required = false) @Pattern(regexp = "[A-Z_]{1,40}") String reason,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        if (!mayOperate()) {
            return PageResponse.of(List.of(), page, size, 0);
        }
        return parked.page(caseId, reason, page, size);
    }

    @Operation(summary = "Retry a parked reply: correlate it with its case again")
    @PostMapping("/{id}/retry")
    ParkedMessageView retry(@PathVariable long id, @Valid @RequestBody ResolutionRequest request) {
        requireOperator(id);
        return parked.retry(id, request.reason().trim(), Caller.current().principal());
    }

    @Operation(summary = "Discard a parked reply, with a reason; it is never correlated")
    @PostMapping("/{id}/discard")
    ParkedMessageView discard(@PathVariable long id, @Valid @RequestBody ResolutionRequest request) {
        requireOperator(id);
        return parked.discard(id, request.reason().trim(), Caller.current().principal());
    }

    /** Operations span every facility: only a client without a {@code facilities} limit may use them. */
    static boolean mayOperate() {
        return Caller.current().facilities().isEmpty();
    }

    private static void requireOperator(long id) {
        if (!mayOperate()) {
            throw new NotFoundException("Parked message", id);
        }
    }
}
