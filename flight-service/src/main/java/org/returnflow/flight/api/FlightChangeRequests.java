package org.returnflow.flight.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.returnflow.flight.api.ScheduleFlightRequest.StopoverRequest;
import org.returnflow.flight.domain.Stopover;

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
}
