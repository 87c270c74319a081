package org.returnflow.flight.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.returnflow.flight.domain.Flight;
import org.returnflow.flight.domain.Flights;
import org.returnflow.flight.domain.Monitors;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.security.MonitorCaller;
import org.returnflow.platform.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Optional;
import java.util.UUID;

/** Charter flights for agencies: scheduling, the lifecycle, manifests and per-passenger steps. */
@RestController
@RequestMapping("/api/flights")
@Tag(name = "flights", description = "Charter flights, their manifests and passengers")
class FlightController {

    private final Flights flights;
    private final Monitors monitors;
    private final AuditLog audit;

    FlightController(Flights flights, Monitors monitors, AuditLog audit) {
        this.flights = flights;
        this.monitors = monitors;
        this.audit = audit;
    }

    @PostMapping
    @Operation(summary = "Schedule a charter flight; publishes FlightScheduled")
    @ApiResponse(responseCode = "201", description = "Scheduled; Location names the flight")
    ResponseEntity<FlightView> schedule(@Valid @RequestBody ScheduleFlightRequest request) {
        Flight flight = flights.schedule(request.toPlan());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(flight.getId()).toUri()).body(FlightView.of(flight, false));
    }

    @GetMapping
    @Operation(summary = "List flights, earliest departure first")
    PageResponse<FlightView> list(
            @RequestParam(required = false) @Pattern(regexp = "^[A-Z]{3}$",
                    message = "must be an ISO 3166-1 alpha-3 country code") String destinationCountry,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        boolean partner = partner();
        return PageResponse.of(flights.list(destinationCountry,
                        PageRequest.of(page, size, Sort.by("departureAt", "id"))),
                f -> FlightView.of(f, partner));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A flight with seatsBooked and seatsAvailable; a monitor reads only the flights it is "
            + "assigned to")
    FlightView get(@PathVariable UUID id) {
        Optional<MonitorCaller> monitor = monitor(id);
        return FlightView.of(flights.get(id), monitor.isPresent() || partner());
    }

    @GetMapping("/{id}/manifest")
    @Operation(summary = "The manifest: active and struck entries, counts and utilization. "
            + "Partners must give ?purpose=; every read is audited. A monitor reads only the manifests of the "
            + "flights it is assigned to, with nationalities only under monitor:identify")
    ManifestView manifest(@PathVariable UUID id,
                          @RequestParam(name = AuditLog.PURPOSE_PARAMETER, required = false) String purpose) {
        Optional<MonitorCaller> monitor = monitor(id);
        Flights.Manifest manifest = flights.manifest(id).within(FacilityReach.current());
        audit.recordRead("FLIGHT_MANIFEST", id);
        if (monitor.isPresent()) {
            return ManifestView.of(manifest, true, monitor.get().identify());
        }
        return ManifestView.of(manifest, partner());
    }

    @PostMapping("/{id}/lock-manifest")
    @Operation(summary = "Close booking; publishes ManifestLocked with the caseIds")
    FlightView lockManifest(@PathVariable UUID id) {
        return FlightView.of(flights.lockManifest(id), false);
    }

    @PostMapping("/{id}/depart")
    @Operation(summary = "The flight left; entries not boarded are struck as NOT_BOARDED; publishes FlightDeparted")
    FlightView depart(@PathVariable UUID id) {
        return FlightView.of(flights.depart(id), false);
    }

    @PostMapping("/{id}/arrive")
    @Operation(summary = "The flight arrived; publishes FlightArrived")
    FlightView arrive(@PathVariable UUID id) {
        return FlightView.of(flights.arrive(id), false);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel the flight and release every seat; publishes FlightCancelled with the caseIds")
    FlightView cancel(@PathVariable UUID id, @Valid @RequestBody CancelFlightRequest request) {
        return FlightView.of(flights.cancel(id, request.reason(), request.note()), false);
    }

    @PostMapping("/{id}/manifest/{caseId}/board")
    @Operation(summary = "The person boarded a locked flight; publishes PassengerBoarded")
    ManifestEntryView board(@PathVariable UUID id, @PathVariable UUID caseId) {
        flights.requireReach(id, caseId, FacilityReach.current());
        return ManifestEntryView.of(flights.board(id, caseId), false);
    }

    @PostMapping("/{id}/manifest/{caseId}/handover")
    @Operation(summary = "The receiving authorities took charge of the person; publishes HandoverConfirmed")
    ManifestEntryView handOver(@PathVariable UUID id, @PathVariable UUID caseId,
                               @Valid @RequestBody HandoverRequest request) {
        flights.requireReach(id, caseId, FacilityReach.current());
        return ManifestEntryView.of(flights.handOver(id, caseId, request.receivedBy()), false);
    }

    /**
     * The caller as a monitor, once its assignment to the flight is checked (404 otherwise, as if the
     * flight did not exist); empty for any other caller.
     */
    private Optional<MonitorCaller> monitor(UUID flightId) {
        Optional<MonitorCaller> monitor = MonitorCaller.find(MonitorCaller.FLIGHTS_SCOPE);
        monitor.ifPresent(m -> monitors.requireAssigned(flightId, m.monitorId()));
        return monitor;
    }

    private static boolean partner() {
        return Caller.find().map(Caller::partner).orElse(false);
    }
}
