package org.returnflow.flight.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.returnflow.flight.api.ScheduleFlightRequest.StopoverRequest;
import org.returnflow.flight.domain.Stopover;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.CountryCodes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The bodies of the changes an agency makes to a flight and its manifest. */
final class FlightChangeRequests {

    private FlightChangeRequests() {
    }

    /**
     * {@code POST /api/flights/{id}/reschedule}.
     *
     * @param stopovers the stopovers' new times, same airports in the same order; absent to move them
     *                  by as much as the departure moves
     * @param reason    upper-case code that goes out in {@code FlightRescheduled}, e.g. {@code WEATHER}
     * @param note      optional free text, kept in the flight record and never published
     */
    record Reschedule(
            @NotNull @Future Instant departureAt,
            @Size(max = 10) List<@NotNull @Valid StopoverRequest> stopovers,
            @ReasonCode String reason,
            @Size(max = 1000) String note) {

        List<Stopover> stops() {
            return stopovers == null ? null
                    : stopovers.stream().map(s -> new Stopover(s.airport(), s.arriveAt(), s.departAt())).toList();
        }
    }

    /**
     * {@code POST /api/flights/{id}/manifest/{caseId}/offload}.
     *
     * @param reason the agency's upper-case code, e.g. {@code MEDICAL_UNFIT}; kept in the manifest,
     *               never published (the case learns {@code OFFLOADED})
     */
    record Offload(@ReasonCode String reason) {
    }

    /**
     * {@code POST /api/flights/{id}/manifest/{caseId}/move}.
     *
     * @param toFlightId the flight the case moves to
     * @param reason     the agency's upper-case code, e.g. {@code LOAD_BALANCING}; kept in the manifest,
     *                   never published (the case learns {@code MOVED})
     */
    record Move(@NotNull UUID toFlightId, @ReasonCode String reason) {
    }

    /**
     * {@code POST /api/flights/{id}/stopovers/{airport}/transit-authorisation}.
     *
     * @param reference            the transit state's reference of the authorisation
     * @param grantedBy            the transit state's authority that granted it: a code or the name of
     *                             an office (e.g. {@code QAT-MOI-BORDERS}), never a person's name
     * @param refusedNationalities ISO 3166-1 alpha-3 codes the state refuses in transit; absent or
     *                             empty when it refuses none
     */
    record TransitAuthorisation(
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9/._-]*$",
                    message = "must be a reference such as QA-TR-2026-0142") String reference,
            @NotBlank @Size(max = 200) String grantedBy,
            @Size(max = 250) List<@NotNull @Pattern(regexp = "^[A-Z]{3}$",
                    message = "must be an ISO 3166-1 alpha-3 country code, such as AFG") String>
                    refusedNationalities) {

        /** The refused nationalities; a code not in ISO 3166-1 is a 400 naming its place in the list. */
        List<String> refused() {
            List<String> codes = refusedNationalities == null ? List.of() : refusedNationalities;
            for (int i = 0; i < codes.size(); i++) {
                if (!CountryCodes.isKnown(codes.get(i))) {
                    throw new BadRequestException("'" + codes.get(i) + "' is not an ISO 3166-1 alpha-3 country code",
                            "refusedNationalities[" + i + "]");
                }
            }
            return codes;
        }
    }
}
