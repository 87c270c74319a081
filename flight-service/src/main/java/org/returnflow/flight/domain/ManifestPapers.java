package org.returnflow.flight.domain;

import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.BusinessRuleException;
import org.returnflow.platform.web.ForbiddenException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The carrier's manifest of a flight. Flight holds caseIds and seats only; the person's case
 * number, nationality, travel document and name live in detention, and no service reads another's
 * data. So the caller, who reads those in detention under its own rights (facilities, audit), may
 * hand them in, and flight joins them to its seats for this one document and keeps none of them.
 * Names are printed only for a caller that may read names (scope {@value #NAMES_SCOPE}, not a
 * partner), and each printed name is audited as a read of that case.
 */
@Service
public class ManifestPapers {

    /** The scope under which a caller reads people's names in detention, and may print them here. */
    public static final String NAMES_SCOPE = "detention:read";

    private final Flights flights;
    private final ManifestEntryRepository entries;
    private final AuditLog audit;
    private final Clock clock;

    public ManifestPapers(Flights flights, ManifestEntryRepository entries, AuditLog audit, Clock clock) {
        this.flights = flights;
        this.entries = entries;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The manifest with one row per active entry, in seat order, each joined with the details the
     * caller gave for its case (none given is fine: the row shows what flight knows).
     *
     * @param details at most one per case, each for a case with an active entry on the flight
     */
    @Transactional
    public CarrierManifest carrierManifest(UUID id, List<PassengerDetails> details) {
        Flight flight = flights.get(id);
        Caller caller = Caller.current();
        // the carrier's manifest of a facility-scoped client lists its own facilities' passengers only
        List<ManifestEntry> active = entries.findActiveOnFlight(id).stream()
                .filter(e -> caller.mayAccessFacility(e.getFacilityCode())).toList();
        Map<UUID, PassengerDetails> byCase = index(flight, active, details,
                caller.hasScope(NAMES_SCOPE) && !caller.partner());
        boolean namesShown = byCase.values().stream().anyMatch(PassengerDetails::hasName);
        audit.recordRead("FLIGHT_MANIFEST", id);
        List<CarrierManifest.Row> rows = active.stream()
                .map(e -> new CarrierManifest.Row(e, byCase.getOrDefault(e.getCaseId(),
                        PassengerDetails.none(e.getCaseId()))))
                .toList();
        if (namesShown) {
            rows.stream().filter(r -> r.details().hasName())
                    .forEach(r -> audit.recordRead("PASSENGER_NAME", r.entry().getCaseId()));
        }
        return new CarrierManifest(flight, rows, namesShown, clock.instant(), caller.principal());
    }

    private static Map<UUID, PassengerDetails> index(Flight flight, List<ManifestEntry> active,
                                                     List<PassengerDetails> details, boolean mayReadNames) {
        Set<UUID> onBoard = active.stream().map(ManifestEntry::getCaseId).collect(Collectors.toSet());
        Map<UUID, PassengerDetails> byCase = new HashMap<>();
        for (int i = 0; i < details.size(); i++) {
            PassengerDetails d = details.get(i);
            String at = "passengers[" + i + "]";
            if (!onBoard.contains(d.caseId())) {
                throw new BusinessRuleException("Case " + d.caseId() + " holds no seat on flight "
                        + flight.getFlightNumber(), at + ".caseId");
            }
            if (byCase.put(d.caseId(), d) != null) {
                throw new BadRequestException("Case " + d.caseId() + " is listed twice", at + ".caseId");
            }
            if (d.hasName() && !mayReadNames) {
                throw new ForbiddenException("Names on a manifest need scope " + NAMES_SCOPE
                        + ", as reading them in detention does", at + (d.familyName() != null ? ".familyName"
                        : ".givenName"));
            }
        }
        return byCase;
    }
}
