package org.returnflow.detention.api;

import org.returnflow.platform.web.CountryCode;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.detention.domain.ClaimOutcome;
import org.returnflow.detention.domain.ExternalId;
import org.returnflow.detention.domain.StatusClaimKind;
import org.returnflow.detention.domain.InvalidationReason;
import org.returnflow.detention.domain.PropertyKind;
import org.returnflow.detention.domain.Registration;
import org.returnflow.detention.domain.ReleaseReason;
import org.returnflow.detention.domain.TransferReason;
import org.returnflow.detention.domain.TravelDocumentKind;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The request bodies of the detention API, with the field names of DESIGN.md. */
final class DetaineeRequests {

    private DetaineeRequests() {
    }

    /**
     * {@code POST /api/detainees}. {@code externalIds} maps a scheme to a value
     * ({@code {"A-NUMBER": "A123456789"}}); {@code confirmDistinctFrom} takes one id or a list.
     */
    record RegisterDetainee(
            @NotBlank @Size(max = 200) String givenName,
            @NotBlank @Size(max = 200) String familyName,
            @NotNull @PastOrPresent LocalDate dateOfBirth,
            @NotNull @CountryCode String nationality,
            @NotNull @LanguageTag String preferredLanguage,
            @NotBlank @Size(max = 20) String facilityCode,
            @NotNull @PastOrPresent LocalDate detainedSince,
            @Valid Counsel counsel,
            @Valid RemovalOrder removalOrder,
            @Size(max = 10) Map<String, String> externalIds,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Size(max = 20)
            List<@NotNull UUID> confirmDistinctFrom) {

        /** The registration; a malformed external identifier is a 400 naming {@code externalIds.<scheme>}. */
        Registration toRegistration() {
            return new Registration(givenName.strip(), familyName.strip(), dateOfBirth, nationality,
                    preferredLanguage, facilityCode, detainedSince,
                    counsel == null ? null : counsel.name().strip(), counsel == null ? null : counsel.email().strip(),
                    removalOrder == null ? null : removalOrder.issuedOn(),
                    removalOrder == null ? null : removalOrder.isFinal(),
                    DetaineeRequests.externalIds(externalIds),
                    confirmDistinctFrom == null ? null : new HashSet<>(confirmDistinctFrom));
        }
    }

    /** Checked identifiers, one per scheme, in scheme order. */
    static List<ExternalId> externalIds(Map<String, String> byScheme) {
        if (byScheme == null) {
            return List.of();
        }
        return byScheme.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> ExternalId.of(e.getKey(), e.getValue(), "externalIds")).toList();
    }

    /** Counsel of record; their address goes to the notification-service only. */
    record Counsel(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email) {
    }

    record RemovalOrder(@NotNull @PastOrPresent LocalDate issuedOn,
                        @NotNull @JsonProperty("isFinal") Boolean isFinal) {
    }

    record AddResidencePermit(@NotBlank @Size(max = 60) String type, @NotBlank @Size(max = 60) String number,
                              @NotNull LocalDate validFrom, @NotNull LocalDate validUntil) {
    }

    record PlaceLegalHold(@NotNull LegalHoldKind kind, @NotBlank @Size(max = 100) String reference) {
    }

    /** A reference code (a file, receipt or decision number): letters, digits and . _ : / # - only, never prose. */
    static final String REFERENCE = "^[A-Za-z0-9][A-Za-z0-9._:/#-]*$";
    static final String REFERENCE_MESSAGE = "must be a reference code: letters, digits and . _ : / # - (no spaces)";

    /** {@code POST /api/detainees/{id}/status-claims}: what is claimed, and the evidence's reference. */
    record OpenStatusClaim(@NotNull StatusClaimKind claim,
                           @NotBlank @Size(max = 100) @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE)
                           String evidenceReference) {
    }

    /**
     * {@code POST .../status-claims/{claimId}/decision} and {@code .../fear-claims/{claimId}/decision}: the
     * outcome, the decision's reference, and optionally the officer the client acts for.
     */
    record DecideClaim(@NotNull ClaimOutcome outcome,
                       @NotBlank @Size(max = 100) @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE)
                       String reference,
                       @Size(max = 200) @Pattern(regexp = "^\\S(.*\\S)?$", message = "must not be blank or padded")
                       String officer) {
    }

    /** {@code POST /api/detainees/{id}/fear-claims}: the destination feared, when the claim was made, a reference. */
    record RecordFearClaim(@NotNull @CountryCode String destinationCountry, @NotNull @PastOrPresent LocalDate madeOn,
                           @Size(max = 100) @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE)
                           String reference) {
    }

    record LiftLegalHold(@NotBlank @Size(max = 500) String reason) {
    }

    record AddTravelDocument(@NotNull TravelDocumentKind kind, @NotBlank @Size(max = 60) String number,
                             @NotNull @CountryCode String issuingCountry, @NotNull LocalDate validUntil) {
    }

    record AddMedicalClearance(@NotNull Boolean fitToFly, @NotNull @PastOrPresent LocalDate assessedOn,
                               @NotNull LocalDate validUntil) {
    }

    record AddPropertyItem(@NotBlank @Size(max = 200) String description, @NotNull PropertyKind kind) {
    }

    record LinkGuardian(@NotNull UUID guardianId) {
    }

    /** {@code POST /api/detainees/{id}/transfer}: a facility this service serves, and why. */
    record Transfer(@NotBlank @Size(max = 20) String toFacility, @NotNull TransferReason reason,
                    @Size(max = 500) String note) {
    }

    /** {@code POST /api/detainees/{id}/release}: why the person leaves custody. */
    record Release(@NotNull ReleaseReason reason, @Size(max = 500) String note) {
    }

    /** {@code POST .../invalidate} of a permit, travel document or clearance. */
    record Invalidate(@NotNull InvalidationReason reason, @Size(max = 500) String note) {
    }

    /** {@code POST /api/detainees/property/pack}: the items to pack, each done on its own. */
    record PackItems(@NotEmpty @Size(max = 500) List<@NotNull @Valid PackItem> items) {
    }

    /** {@code POST /api/detainees/batch}: up to 100 people, each with the records taken at intake. */
    record RegisterBatch(@NotEmpty @Size(max = 100) List<@NotNull @Valid RegisterWithRecords> people) {
    }

    /**
     * One person of a batch: the registration and the records taken with it, recorded together or not
     * at all. Guardians are linked afterwards ({@code POST /api/detainees/{id}/guardian}), once both are on record.
     */
    record RegisterWithRecords(
            @NotNull @Valid RegisterDetainee person,
            @Size(max = 10) List<@NotNull @Valid AddTravelDocument> travelDocuments,
            @Size(max = 10) List<@NotNull @Valid AddMedicalClearance> medicalClearances,
            @Size(max = 10) List<@NotNull @Valid AddResidencePermit> residencePermits,
            @Size(max = 10) List<@NotNull @Valid PlaceLegalHold> legalHolds,
            @Size(max = 50) List<@NotNull @Valid AddPropertyItem> property) {

        RegisterWithRecords {
            travelDocuments = travelDocuments == null ? List.of() : travelDocuments;
            medicalClearances = medicalClearances == null ? List.of() : medicalClearances;
            residencePermits = residencePermits == null ? List.of() : residencePermits;
            legalHolds = legalHolds == null ? List.of() : legalHolds;
            property = property == null ? List.of() : property;
        }
    }

    record PackItem(@NotNull UUID detaineeId, @NotNull UUID itemId) {
    }
}
