package org.returnflow.flight.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.returnflow.flight.domain.Flights;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Flight day in bulk: board or hand over many people in one call. Each item runs in its own
 * transaction, exactly as the per-passenger call (published and audited the same way); a refused
 * item never stops the rest. The answer is 200 with one result per item, in request order, as
 * detention's bulk packing answers: the request as a whole was handled, and each item says how it
 * went. An item done before is DONE with {@code changed: false}, so a retried batch does no harm.
 */
@RestController
@RequestMapping("/api/flights/{id}")
@Tag(name = "flights")
class FlightDayController {

    /** The most items one call may carry: more than any flight's seats, few enough for one request. */
    static final int MAX_ITEMS = 500;

    private static final Logger log = LoggerFactory.getLogger(FlightDayController.class);

    private final Flights flights;

    FlightDayController(Flights flights) {
        this.flights = flights;
    }

    record BoardItem(@NotNull UUID caseId) {
    }

    record BoardItems(@NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull @Valid BoardItem> items) {
    }

    /** @param receivedBy the receiving state's official; kept in the manifest, never published */
    record HandoverItem(@NotNull UUID caseId, @NotBlank @Size(max = 200) String receivedBy) {
    }

    record HandoverItems(@NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull @Valid HandoverItem> items) {
    }

    enum Outcome { DONE, REFUSED }

    /** Why an item was refused, as the per-passenger call would have answered (RFC 9457 fields). */
    record ItemProblem(int status, String title, String detail, String field) {
    }

    /** One item: DONE ({@code changed} false when it was done before) or REFUSED with its problem. */
    record ItemResult(UUID caseId, Outcome status, Boolean changed, ItemProblem problem) {
    }

    record ItemResults(int done, int refused, List<ItemResult> results) {
    }

    @PostMapping("/board")
    @Operation(summary = "Board many people on a locked flight; 200 with a result per item, a refusal never "
            + "stops the rest. Publishes PassengerBoarded per person boarded")
    ItemResults board(@PathVariable UUID id, @Valid @RequestBody BoardItems request) {
        flights.get(id);
        FacilityReach reach = FacilityReach.current();
        return each(request.items(), BoardItem::caseId, item -> {
            flights.requireReach(id, item.caseId(), reach);
            return flights.board(id, item.caseId(), true).changed();
        });
    }

    @PostMapping("/handover")
    @Operation(summary = "Hand many people over after arrival; 200 with a result per item, a refusal never "
            + "stops the rest. Publishes HandoverConfirmed per person handed over")
    ItemResults handOver(@PathVariable UUID id, @Valid @RequestBody HandoverItems request) {
        flights.get(id);
        FacilityReach reach = FacilityReach.current();
        return each(request.items(), HandoverItem::caseId,
                item -> {
                    flights.requireReach(id, item.caseId(), reach);
                    return flights.handOver(id, item.caseId(), item.receivedBy(), true).changed();
                });
    }

    /** Runs the step for each item, one transaction each, and answers each item's outcome in order. */
    private static <T> ItemResults each(List<T> items, Function<T, UUID> caseOf, Function<T, Boolean> step) {
        List<ItemResult> results = new ArrayList<>(items.size());
        for (T item : items) {
            UUID caseId = caseOf.apply(item);
            try {
                results.add(new ItemResult(caseId, Outcome.DONE, step.apply(item), null));
            } catch (ApiException e) {
                results.add(refused(caseId, e.status(), e.getMessage(), e.field()));
            } catch (OptimisticLockingFailureException e) {
                results.add(refused(caseId, HttpStatus.CONFLICT,
                        "The entry was changed by someone else at the same time; retry", null));
            } catch (RuntimeException e) {
                log.error("A bulk step for case {} failed", caseId, e);
                results.add(refused(caseId, HttpStatus.INTERNAL_SERVER_ERROR,
                        "The step failed; it has been logged, retry it", null));
            }
        }
        int done = (int) results.stream().filter(r -> r.status() == Outcome.DONE).count();
        return new ItemResults(done, results.size() - done, results);
    }

    private static ItemResult refused(UUID caseId, HttpStatus status, String detail, String field) {
        return new ItemResult(caseId, Outcome.REFUSED, null,
                new ItemProblem(status.value(), status.getReasonPhrase(), detail, field));
    }
}
