package org.returnflow.workflow.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.platform.web.PageResponse;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.RemovalCase;
import org.returnflow.workflow.domain.remedy.RemedyOrders;
import org.returnflow.workflow.domain.remedy.RemedyOrders.Remedy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A remedy when a removal was wrong: a court's order to bring a removed person back. Ordering one
 * starts the process {@code return-facilitation}; the removal case and its history stay as they
 * were, and the remedy names the case. Agencies only: a partner's token reads no remedy (404), since
 * a court's order about a person is not a partner's business.
 */
@RestController
@Tag(name = "remedy orders", description = "A court's order to return a person whose removal was wrong")
class RemedyOrderController {

    /** A court or an office: letters, digits, spaces and . , ' ( ) - &amp;; an institution, never a person. */
    static final String COURT = "[\\p{L}\\p{N}][\\p{L}\\p{N} .,'()&-]{1,119}";
    /** A docket number or reference: letters, digits and / . _ : -. */
    static final String REFERENCE = "[A-Za-z0-9][A-Za-z0-9/._:-]{1,59}";
    private static final Set<String> LIST_PARAMETERS = Set.of("status", "page", "size");

    private final RemedyOrders remedies;
    private final CaseRecords cases;

    RemedyOrderController(RemedyOrders remedies, CaseRecords cases) {
        this.remedies = remedies;
        this.cases = cases;
    }

    record OrderRequest(@NotBlank @Pattern(regexp = COURT, message = "must name a court, such as U.S. District Court "
                                + "for the Western District of Louisiana (2 to 120 characters)") String court,
                        @NotBlank @Pattern(regexp = REFERENCE, message = "must be a reference such as 6:26-cv-01234 "
                                + "(letters, digits and / . _ : -, at most 60)") String reference,
                        @NotNull @FutureOrPresent LocalDate dueDate,
                        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "must be a Camunda "
                                + "user id such as operator1") String owner,
                        @Min(1) @Max(90) Integer reportEveryDays) {
    }

    record RemedyView(UUID remedyId, UUID caseId, String court, String reference, LocalDate dueDate, String owner,
                      int reportEveryDays, String status, Instant orderedAt, String orderedBy, Instant returnedAt,
                      List<HistoryEntry> history) {

        static RemedyView of(Remedy r, List<HistoryEntry> history) {
            return new RemedyView(r.remedyId(), r.caseId(), r.court(), r.reference(), r.dueDate(), r.owner(),
                    r.reportEveryDays(), r.status(), r.orderedAt(), r.orderedBy(), r.returnedAt(), history);
        }
    }

    @PostMapping("/api/removal-cases/{caseId}/remedy-orders")
    @Operation(summary = "Order the return of a removed person (a court's remedy); starts return-facilitation. "
            + "409 when the case is not REMOVED or already has an open remedy")
    @ApiResponse(responseCode = "201", description = "Ordered; Location names the remedy")
    ResponseEntity<RemedyView> order(@PathVariable UUID caseId, @Valid @RequestBody OrderRequest request) {
        RemovalCase removal = agencyCase(caseId);
        Remedy remedy = remedies.order(removal, new RemedyOrders.Order(request.court().trim(), request.reference(),
                request.dueDate(), request.owner(), request.reportEveryDays()), Caller.current().principal());
        return ResponseEntity.created(URI.create("/api/remedy-orders/" + remedy.remedyId()))
                .body(RemedyView.of(remedy, remedies.history(remedy.remedyId())));
    }

    @GetMapping("/api/remedy-orders/{remedyId}")
    @Operation(summary = "A remedy with its status and the history of the way back")
    RemedyView get(@PathVariable UUID remedyId) {
        Remedy remedy = remedies.find(remedyId)
                .filter(r -> !Caller.current().partner()
                        && cases.find(r.caseId()).filter(c -> RemovalCaseController.withinReach(c.facilityCode())).isPresent())
                .orElseThrow(() -> new NotFoundException("Remedy order", remedyId));
        return RemedyView.of(remedy, remedies.history(remedyId));
    }

    @GetMapping("/api/removal-cases/{caseId}/remedy-orders")
    @Operation(summary = "The remedies ordered for a case, newest first")
    List<RemedyView> ofCase(@PathVariable UUID caseId) {
        agencyCase(caseId);
        return remedies.ofCase(caseId).stream().map(r -> RemedyView.of(r, List.of())).toList();
    }

    @GetMapping("/api/remedy-orders")
    @Operation(summary = "Remedies, paged, newest first, optionally of one status (OPEN, RETURNED)")
    PageResponse<RemedyView> list(@RequestParam(required = false) @Pattern(regexp = "OPEN|RETURNED",
                                          message = "must be OPEN or RETURNED") String status,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(RemovalCaseController.MAX_PAGE) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size,
                                  HttpServletRequest request) {
        QueryParameters.allowOnly(request, LIST_PARAMETERS);
        if (Caller.current().partner()) {
            return PageResponse.of(List.of(), page, size, 0);
        }
        // The caller's facilities narrow the query itself, so the page is full and the total counts only what it may see.
        Set<String> reach = Caller.current().facilities().orElse(null);
        List<RemedyView> content = remedies.page(status, reach, page, size).stream()
                .map(r -> RemedyView.of(r, List.of())).toList();
        return PageResponse.of(content, page, size, remedies.count(status, reach));
    }

    /** The case, if the caller is an agency that may see it; 404 otherwise, as for an unknown case. */
    private RemovalCase agencyCase(UUID caseId) {
        return cases.find(caseId).filter(c -> !Caller.current().partner() && RemovalCaseController.withinReach(c.facilityCode()))
                .orElseThrow(() -> new NotFoundException("Removal case", caseId));
    }
}
