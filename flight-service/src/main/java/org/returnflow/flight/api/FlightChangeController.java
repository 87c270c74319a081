package org.returnflow.flight.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.returnflow.flight.domain.Flights;
import org.returnflow.platform.security.FacilityReach;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Changes an agency makes to a flight before it leaves: a new departure time, a person taken off,
 * a person moved to another flight. Each reaches the affected cases as case-keyed events.
 */
@RestController
@RequestMapping("/api/flights/{id}")
@Tag(name = "flights")
class FlightChangeController {

    private final Flights flights;

    FlightChangeController(Flights flights) {
        this.flights = flights;
    }

    /** A move: the entry struck on the flight left, and the seat the case holds now. */
    record MoveView(ManifestEntryView from, ManifestEntryView to) {
    }

    /** A stopover's transit authorisation as recorded, and the cases it struck from the manifest. */
    record TransitAuthorisationView(UUID flightId, String airport, String reference, String grantedBy,
                                    List<String> refusedNationalities, Instant authorisedAt, boolean changed,
                                    List<UUID> struckCaseIds) {

        static TransitAuthorisationView of(Flights.TransitRecord r) {
            return new TransitAuthorisationView(r.flight().getId(), r.airport(), r.authorisation().reference(),
                    r.authorisation().grantedBy(), r.authorisation().refusedNationalities(),
                    r.authorisation().authorisedAt(), r.changed(), r.struck());
        }
    }

    @PostMapping("/stopovers/{airport}/transit-authorisation")
    @Operation(summary = "Record the transit state's authorisation for a stopover, before departure; every active "
            + "entry of a refused nationality is struck TRANSIT_REFUSED (SeatReleased keyed by the case, no requestId) "
            + "and that nationality is never booked on the flight again. Recorded once; the same again changes nothing")
    TransitAuthorisationView authoriseTransit(@PathVariable UUID id,
            @PathVariable @Pattern(regexp = "^[A-Z]{3}$", message = "must be an IATA airport code such as DOH")
            String airport,
            @Valid @RequestBody FlightChangeRequests.TransitAuthorisation request) {
        return TransitAuthorisationView.of(flights.authoriseTransit(id, airport, request.reference(),
                request.grantedBy().trim(), request.refused()));
    }

    @PostMapping("/reschedule")
    @Operation(summary = "Move the departure (and the stopovers with it) before departure; publishes "
            + "FlightRescheduled for the flight and for each case on it. The same times again change nothing")
    FlightView reschedule(@PathVariable UUID id, @Valid @RequestBody FlightChangeRequests.Reschedule request) {
        flights.reschedule(id, request.departureAt(), request.stops(), request.reason(), request.note());
        return FlightView.of(flights.get(id), false);
    }

    @PostMapping("/manifest/{caseId}/offload")
    @Operation(summary = "Take the person off the flight before departure; strikes the entry OFFLOADED and "
            + "publishes SeatReleased (reason OFFLOADED, no requestId) keyed by the case")
    ManifestEntryView offload(@PathVariable UUID id, @PathVariable UUID caseId,
                              @Valid @RequestBody FlightChangeRequests.Offload request) {
        flights.requireReach(id, caseId, FacilityReach.current());
        return ManifestEntryView.of(flights.offload(id, caseId, request.reason()), false);
    }

    @PostMapping("/manifest/{caseId}/move")
    @Operation(summary = "Move the case to a seat on another flight to the same country that leaves no earlier, "
            + "in one transaction; publishes SeatReleased (MOVED) and SeatBooked, both keyed by the case")
    MoveView move(@PathVariable UUID id, @PathVariable UUID caseId,
                  @Valid @RequestBody FlightChangeRequests.Move request) {
        flights.requireReach(id, caseId, FacilityReach.current());
        Flights.Move move = flights.move(id, caseId, request.toFlightId(), request.reason());
        return new MoveView(ManifestEntryView.of(move.from(), false), ManifestEntryView.of(move.to(), false));
    }
}
