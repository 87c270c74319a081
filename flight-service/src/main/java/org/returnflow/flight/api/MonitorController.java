package org.returnflow.flight.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.returnflow.flight.domain.Monitors;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.security.MonitorCaller;
import org.returnflow.platform.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.UUID;

/**
 * Independent monitors of a charter: agencies assign them and record them on board
 * ({@code flights:manage}); a monitor ({@code flights:monitor}) files reports on the flights it is
 * assigned to, and reads only those (404 for any other).
 */
@RestController
@RequestMapping("/api/flights/{id}")
@Tag(name = "monitors", description = "Independent monitors of charter flights and their reports")
class MonitorController {

    private final Monitors monitors;

    MonitorController(Monitors monitors) {
        this.monitors = monitors;
    }

    @PostMapping("/monitors")
    @Operation(summary = "Assign an independent monitor's client to the flight, before departure; publishes "
            + "MonitorAssigned. The same monitor again changes nothing (200)")
    @ApiResponse(responseCode = "201", description = "Assigned; Location names the assignment")
    ResponseEntity<MonitorViews.Assignment> assign(@PathVariable UUID id,
                                                   @Valid @RequestBody MonitorRequests.Assign request) {
        Monitors.Step step = monitors.assign(id, request.monitorId());
        MonitorViews.Assignment view = MonitorViews.Assignment.of(step.monitor(), step.changed());
        if (!step.changed()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{monitorId}")
                .buildAndExpand(request.monitorId()).toUri()).body(view);
    }

    @GetMapping("/monitors")
    @Operation(summary = "The flight's monitors, current and former, in order of assignment")
    PageResponse<MonitorViews.Assignment> list(@PathVariable UUID id,
                                               @RequestParam(defaultValue = "0") @Min(0) int page,
                                               @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE)
                                               int size) {
        return PageResponse.of(monitors.list(id, PageRequest.of(page, size, Sort.by("assignedAt", "monitorId"))),
                m -> MonitorViews.Assignment.of(m, null));
    }

    @PostMapping("/monitors/{monitorId}/unassign")
    @Operation(summary = "End the monitor's assignment (reason: a code); publishes MonitorUnassigned")
    MonitorViews.Assignment unassign(@PathVariable UUID id,
                                     @PathVariable @Pattern(regexp = MonitorRequests.MONITOR_ID) String monitorId,
                                     @Valid @RequestBody MonitorRequests.Unassign request) {
        return MonitorViews.Assignment.of(monitors.unassign(id, monitorId, request.reason()), true);
    }

    @PostMapping("/monitors/{monitorId}/board")
    @Operation(summary = "The monitor is on board, before departure; a flight with a monitor departs only after this")
    MonitorViews.Assignment board(@PathVariable UUID id,
                                  @PathVariable @Pattern(regexp = MonitorRequests.MONITOR_ID) String monitorId) {
        Monitors.Step step = monitors.board(id, monitorId);
        return MonitorViews.Assignment.of(step.monitor(), step.changed());
    }

    @PostMapping("/monitoring-reports")
    @Operation(summary = "A monitor files a report on a flight it is assigned to (append-only); each SERIOUS "
            + "finding publishes MonitoringFindingReported keyed by its case")
    @ApiResponse(responseCode = "201", description = "Filed")
    ResponseEntity<MonitorViews.Report> file(@PathVariable UUID id, @Valid @RequestBody MonitorRequests.Report request) {
        MonitorCaller monitor = MonitorCaller.find(MonitorCaller.FLIGHTS_SCOPE).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(MonitorViews.Report.of(monitors.file(id, monitor.monitorId(), request.toFindings())));
    }

    @GetMapping("/monitoring-reports")
    @Operation(summary = "The flight's monitoring reports, oldest first; a monitor sees its own, on its flights only; "
            + "other partners see no descriptions")
    PageResponse<MonitorViews.Report> reports(@PathVariable UUID id,
                                              @RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "20") @Min(1)
                                              @Max(PageResponse.MAX_SIZE) int size) {
        String monitorId = MonitorCaller.find(MonitorCaller.FLIGHTS_SCOPE).map(m -> {
            monitors.requireAssigned(id, m.monitorId());
            return m.monitorId();
        }).orElse(null);
        boolean descriptions = monitorId != null || !Caller.find().map(Caller::partner).orElse(false);
        return PageResponse.of(monitors.reports(id, monitorId, PageRequest.of(page, size, Sort.by("filedAt", "id"))),
                r -> MonitorViews.Report.of(r, descriptions));
    }
}
