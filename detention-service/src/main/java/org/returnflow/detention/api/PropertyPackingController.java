package org.returnflow.detention.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.returnflow.detention.api.DetaineeRequests.PackItem;
import org.returnflow.detention.api.DetaineeRequests.PackItems;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Flight day in bulk: pack many people's property in one call. Each item is packed in its own
 * transaction and audited like a single pack; a refused item (unknown, outside the caller's
 * facilities, returned or handed over) never stops the rest. The answer is 200 with one result
 * per item, in request order: the request as a whole was handled, and each item says how it went.
 */
@RestController
@RequestMapping("/api/detainees/property")
@Tag(name = "attached records", description = "Permits, legal holds, travel documents, clearances, property")
class PropertyPackingController {

    private static final Logger log = LoggerFactory.getLogger(PropertyPackingController.class);

    private final DetaineeRecords records;

    PropertyPackingController(DetaineeRecords records) {
        this.records = records;
    }

    /** The outcome of one item. */
    enum Outcome { DONE, REFUSED }

    /** Why an item was refused, as the single-item endpoint would have answered (RFC 9457 fields). */
    record ItemProblem(int status, String title, String detail, String field) {
    }

    /** One item: DONE (changed false when it was packed already) or REFUSED with its problem. */
    record PackResult(UUID detaineeId, UUID itemId, Outcome status, Boolean changed, ItemProblem problem) {
    }

    record PackResults(int done, int refused, List<PackResult> results) {
    }

    @PostMapping("/pack")
    @Operation(summary = "Pack many HELD items to travel with their people; 200 with a result per item, a refusal "
            + "never stops the rest")
    PackResults pack(@Valid @RequestBody PackItems request) {
        List<PackResult> results = new ArrayList<>();
        for (PackItem item : request.items()) {
            results.add(packOne(item));
        }
        int done = (int) results.stream().filter(r -> r.status() == Outcome.DONE).count();
        return new PackResults(done, results.size() - done, results);
    }

    private PackResult packOne(PackItem item) {
        try {
            boolean changed = records.pack(item.detaineeId(), item.itemId(), Reach::reachable);
            return new PackResult(item.detaineeId(), item.itemId(), Outcome.DONE, changed, null);
        } catch (ApiException e) {
            return refused(item, e.status(), e.getMessage(), e.field());
        } catch (OptimisticLockingFailureException e) {
            return refused(item, HttpStatus.CONFLICT, "The record was changed by someone else at the same time; retry",
                    null);
        } catch (RuntimeException e) {
            log.error("Packing item {} of detainee {} failed", item.itemId(), item.detaineeId(), e);
            return refused(item, HttpStatus.INTERNAL_SERVER_ERROR, "The item could not be packed; it has been "
                    + "logged, retry it", null);
        }
    }

    private static PackResult refused(PackItem item, HttpStatus status, String detail, String field) {
        return new PackResult(item.detaineeId(), item.itemId(), Outcome.REFUSED, null,
                new ItemProblem(status.value(), status.getReasonPhrase(), detail, field));
    }
}
