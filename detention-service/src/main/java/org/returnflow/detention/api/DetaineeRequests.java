package org.returnflow.detention.api;

import org.returnflow.platform.web.CountryCode;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.detention.domain.PropertyKind;
import org.returnflow.detention.domain.Registration;
import org.returnflow.detention.domain.TravelDocumentKind;

import java.time.LocalDate;
import java.util.UUID;

/** The request bodies of the detention API, with the field names of DESIGN.md. */
final class DetaineeRequests {

    private DetaineeRequests() {
    }

    /** {@code POST /api/detainees}. */
    record RegisterDetainee(
            @NotBlank @Size(max = 200) String givenName,
            @NotBlank @Size(max = 200) String familyName,
            @NotNull @PastOrPresent LocalDate dateOfBirth,
            @NotNull @CountryCode String nationality,
            @NotNull @LanguageTag String preferredLanguage,
            @NotBlank @Size(max = 20) String facilityCode,
            @NotNull @PastOrPresent LocalDate detainedSince,
            @Valid Counsel counsel,
            @Valid RemovalOrder removalOrder) {

        Registration toRegistration() {
            return new Registration(givenName.strip(), familyName.strip(), dateOfBirth, nationality,
                    preferredLanguage, facilityCode, detainedSince,
                    counsel == null ? null : counsel.name().strip(), counsel == null ? null : counsel.email().strip(),
                    removalOrder == null ? null : removalOrder.issuedOn(),
                    removalOrder == null ? null : removalOrder.isFinal());
        }
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
}
