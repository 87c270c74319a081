package org.returnflow.detention.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.returnflow.detention.api.DetaineeRequests.Invalidate;
import org.returnflow.detention.api.DetaineeRequests.Release;
import org.returnflow.detention.api.DetaineeRequests.Transfer;
import org.returnflow.detention.api.DetaineeViews.DetaineeView;
import org.returnflow.detention.api.DetaineeViews.MedicalClearanceView;
import org.returnflow.detention.api.DetaineeViews.ResidencePermitView;
import org.returnflow.detention.api.DetaineeViews.TravelDocumentView;
import org.returnflow.detention.domain.Amendment;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.RecordLifecycle;
import org.returnflow.detention.domain.StaleVersionException;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.ForbiddenException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Correcting a custody record and what happens to the person: a merge patch with the version read
 * ({@code If-Match}), transfer, release, and permits, travel documents and clearances that no
 * longer count. Every change is audited under the token's principal and tells an open case
 * through {@code DetaineeRecordChanged}.
 */
@RestController
@RequestMapping("/api/detainees/{id}")
@Tag(name = "record lifecycle", description = "Corrections, transfers, release, invalidation")
class RecordLifecycleController {

    private final DetaineeRecords records;
    private final RecordLifecycle lifecycle;
    private final ObjectMapper json;
    private final Validator validator;

    RecordLifecycleController(DetaineeRecords records, RecordLifecycle lifecycle, ObjectMapper json,
                              Validator validator) {
        this.records = records;
        this.lifecycle = lifecycle;
        this.json = json;
        this.validator = validator;
    }

    @PatchMapping(consumes = DetaineePatch.MEDIA_TYPE)
    @Operation(summary = "Correct counsel, preferred language, removal order or external identifiers by JSON Merge "
            + "Patch (application/merge-patch+json); If-Match with the ETag read is required (428), a stale one is 412")
    @ApiResponse(responseCode = "200", description = "The corrected record, with its new ETag")
    @ApiResponse(responseCode = "428", description = "If-Match is missing: a change must name the version it was "
            + "made on")
    ResponseEntity<DetaineeView> amend(@PathVariable UUID id,
                                       @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                       @RequestBody JsonNode patch, HttpServletRequest request) {
        long expected = ETags.required(ifMatch);
        Detainee current = Reach.require(records, id);
        if (current.version() == null || current.version() != expected) {
            throw new StaleVersionException(expected, current.version());
        }
        Amendment amendment = DetaineePatch.apply(current, patch, json, validator, new ServletServerHttpRequest(request));
        return answer(expected, () -> lifecycle.amend(id, expected, amendment));
    }

    @PostMapping("/transfer")
    @Operation(summary = "Move a person in custody to another facility (the caller must reach both); If-Match optional")
    ResponseEntity<DetaineeView> transfer(@PathVariable UUID id,
                                          @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody Transfer request) {
        Long expected = ETags.optional(ifMatch);
        Reach.require(records, id);
        if (!Caller.current().mayAccessFacility(request.toFacility())) {
            throw new ForbiddenException("This client may not move detainees to " + request.toFacility(),
                    "toFacility");
        }
        return answer(expected, () -> lifecycle.transfer(id, request.toFacility(), request.reason(),
                note(request.note()), expected));
    }

    @PostMapping("/release")
    @Operation(summary = "Release a person from custody (custody RELEASED); an open case meets NOT_IN_CUSTODY")
    ResponseEntity<DetaineeView> release(@PathVariable UUID id,
                                         @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody Release request) {
        Long expected = ETags.optional(ifMatch);
        Reach.require(records, id);
        return answer(expected, () -> lifecycle.release(id, request.reason(), note(request.note()), expected));
    }

    @PostMapping("/residence-permits/{permitId}/invalidate")
    @Operation(summary = "A residence permit no longer counts (revoked, recorded in error, ...); 409 when invalidated already")
    ResidencePermitView invalidatePermit(@PathVariable UUID id, @PathVariable UUID permitId,
                                         @Valid @RequestBody Invalidate request) {
        Reach.require(records, id);
        return ResidencePermitView.of(lifecycle.invalidateResidencePermit(id, permitId, request.reason(),
                note(request.note())), false);
    }

    @PostMapping("/travel-documents/{documentId}/invalidate")
    @Operation(summary = "A travel document no longer counts (lost, stolen, revoked, ...); 409 when invalidated already")
    TravelDocumentView invalidateTravelDocument(@PathVariable UUID id, @PathVariable UUID documentId,
                                                @Valid @RequestBody Invalidate request) {
        Reach.require(records, id);
        return TravelDocumentView.of(lifecycle.invalidateTravelDocument(id, documentId, request.reason(),
                note(request.note())), false);
    }

    @PostMapping("/medical-clearances/{clearanceId}/invalidate")
    @Operation(summary = "A fit-to-fly clearance no longer counts (reassessed, recorded in error, ...); 409 when "
            + "invalidated already")
    MedicalClearanceView invalidateClearance(@PathVariable UUID id, @PathVariable UUID clearanceId,
                                             @Valid @RequestBody Invalidate request) {
        Reach.require(records, id);
        return MedicalClearanceView.of(lifecycle.invalidateMedicalClearance(id, clearanceId, request.reason(),
                note(request.note())), false);
    }

    /**
     * The changed record with its new ETag. A change that lost a race at commit is 412 when it named a
     * version, and the platform's 409 otherwise.
     */
    private static ResponseEntity<DetaineeView> answer(Long expected, Supplier<Detainee> change) {
        Detainee changed;
        try {
            changed = change.get();
        } catch (OptimisticLockingFailureException e) {
            if (expected == null) {
                throw e;
            }
            throw new StaleVersionException(expected);
        }
        return ResponseEntity.ok().eTag(ETags.of(changed)).body(DetaineeView.of(changed, false));
    }

    private static String note(String note) {
        return note == null || note.isBlank() ? null : note.strip();
    }
}
