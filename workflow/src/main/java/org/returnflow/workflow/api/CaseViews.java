package org.returnflow.workflow.api;

import org.returnflow.platform.web.CountryCode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.CaseBlocker;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.OperationCase;
import org.returnflow.workflow.domain.RemovalCase;
import org.returnflow.workflow.domain.RemovalOperation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The request and response records of the workflow API: explicit fields, ids and codes only. */
final class CaseViews {

    private CaseViews() {
    }

    /** {@code POST /api/removal-cases}. */
    record OpenCaseRequest(@NotNull UUID detaineeId,
                           @NotNull @CountryCode String destinationCountry,
                           UUID operationId) {
    }

    record CaseOpened(UUID caseId) {
    }

    /** {@code GET /api/removal-cases/{caseId}}: the case with its full history (S8). */
    record CaseView(UUID caseId, UUID detaineeId, UUID operationId, String destinationCountry, CaseState state,
                    Boolean voluntary, UUID flightId, List<CaseBlocker> blockers, Instant createdAt,
                    Instant updatedAt, Instant endedAt, String facilityCode, List<HistoryEntry> history) {

        static CaseView of(RemovalCase c, List<HistoryEntry> history) {
            return new CaseView(c.caseId(), c.detaineeId(), c.operationId(), c.destinationCountry(), c.state(),
                    c.voluntary(), c.flightId(), c.blockers(), c.createdAt(), c.updatedAt(), c.endedAt(),
                    c.facilityCode(), history);
        }
    }

    /** One case in a list, with the blockers that stand and the facility holding the person. */
    record CaseSummary(UUID caseId, UUID detaineeId, UUID operationId, String destinationCountry, CaseState state,
                       Boolean voluntary, UUID flightId, List<CaseBlocker> blockers, String facilityCode,
                       Instant createdAt, Instant updatedAt, Instant endedAt) {

        static CaseSummary of(RemovalCase c) {
            return new CaseSummary(c.caseId(), c.detaineeId(), c.operationId(), c.destinationCountry(), c.state(),
                    c.voluntary(), c.flightId(), c.blockers(), c.facilityCode(), c.createdAt(), c.updatedAt(),
                    c.endedAt());
        }
    }

    /** {@code POST /api/removal-operations}: up to 1000 people, each once. */
    record OpenOperationRequest(@NotBlank @Size(max = 200) String name,
                                @NotNull @CountryCode String destinationCountry,
                                @NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> detaineeIds) {
    }

    record OperationAccepted(UUID operationId, List<OperationCase> cases) {
    }

    /** {@code GET /api/removal-operations/{id}}. */
    record OperationView(UUID id, String name, String destinationCountry, Instant createdAt, String createdBy,
                         long total, Map<CaseState, Long> byState) {

        static OperationView of(RemovalOperation o) {
            return new OperationView(o.id(), o.name(), o.destinationCountry(), o.createdAt(), o.createdBy(), o.total(),
                    o.byState());
        }
    }
}
