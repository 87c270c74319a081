package org.returnflow.detention.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.returnflow.detention.api.DetaineeRequests.DecideClaim;
import org.returnflow.detention.api.DetaineeRequests.OpenStatusClaim;
import org.returnflow.detention.api.DetaineeRequests.RecordFearClaim;
import org.returnflow.detention.api.DetaineeViews.FearClaimView;
import org.returnflow.detention.api.DetaineeViews.StatusClaimDecided;
import org.returnflow.detention.api.DetaineeViews.StatusClaimView;
import org.returnflow.detention.domain.ClaimRecords;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Claims that bar removal until decided: claims of US citizenship or lawful status
 * (STATUS_CLAIM_PENDING) and fear claims (a PROTECTION_CLAIM legal hold). Scope {@code detention:write};
 * a detainee outside the caller's facilities is 404; a partner never decides (403).
 */
@RestController
@RequestMapping("/api/detainees/{id}")
@Tag(name = "claims", description = "Claims of US citizenship or lawful status; fear claims")
class ClaimsController {

    private final DetaineeRecords records;
    private final ClaimRecords claims;

    ClaimsController(DetaineeRecords records, ClaimRecords claims) {
        this.records = records;
        this.claims = claims;
    }

    @PostMapping("/status-claims")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a claim of US citizenship or lawful status; it blocks removal "
            + "(STATUS_CLAIM_PENDING, never overridden) until decided; publishes DetaineeRecordChanged "
            + "STATUS_CLAIM_OPENED; 409 when a claim of the same kind is open")
    @ApiResponse(responseCode = "201", description = "The claim is open")
    StatusClaimView openStatusClaim(@PathVariable UUID id, @Valid @RequestBody OpenStatusClaim request) {
        Reach.require(records, id);
        return StatusClaimView.of(claims.openStatusClaim(id, request.claim(), request.evidenceReference()));
    }

    @PostMapping("/status-claims/{claimId}/decision")
    @Operation(summary = "Decide a status claim (UPHELD or REJECTED); UPHELD releases the person from custody "
            + "(reason STATUS_CLAIM_UPHELD); publishes DetaineeRecordChanged STATUS_CLAIM_DECIDED; 409 when decided "
            + "already; partners are refused")
    StatusClaimDecided decideStatusClaim(@PathVariable UUID id, @PathVariable UUID claimId,
                                         @Valid @RequestBody DecideClaim request) {
        refusePartner();
        Reach.require(records, id);
        Detainee after = claims.decideStatusClaim(id, claimId, request.outcome(), request.reference(),
                request.officer());
        return new StatusClaimDecided(StatusClaimView.of(after.statusClaim(claimId).orElseThrow()),
                after.custodyStatus());
    }

    @PostMapping("/fear-claims")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a fear claim about a destination, at any time (also after the notice window); "
            + "it becomes a PROTECTION_CLAIM legal hold (LegalHoldPlaced) that only its decision lifts; 409 when a "
            + "claim about the same destination is open")
    @ApiResponse(responseCode = "201", description = "The claim is recorded and its hold placed")
    FearClaimView recordFearClaim(@PathVariable UUID id, @Valid @RequestBody RecordFearClaim request) {
        Reach.require(records, id);
        return FearClaimView.of(claims.recordFearClaim(id, request.destinationCountry(), request.madeOn(),
                request.reference()));
    }

    @PostMapping("/fear-claims/{claimId}/decision")
    @Operation(summary = "Decide a fear claim (UPHELD or REJECTED); REJECTED lifts its PROTECTION_CLAIM hold "
            + "(LegalHoldLifted), UPHELD keeps it; 409 when decided already; partners are refused")
    FearClaimView decideFearClaim(@PathVariable UUID id, @PathVariable UUID claimId,
                                  @Valid @RequestBody DecideClaim request) {
        refusePartner();
        Reach.require(records, id);
        return FearClaimView.of(claims.decideFearClaim(id, claimId, request.outcome(), request.reference(),
                request.officer()));
    }

    /** A partner (a monitor, an airline) watches; it never decides a claim, whatever scopes it was granted. */
    private static void refusePartner() {
        if (Caller.current().partner()) {
            throw new ForbiddenException("a partner cannot decide a claim", "outcome");
        }
    }
}
