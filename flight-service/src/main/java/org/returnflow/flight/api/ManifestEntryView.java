package org.returnflow.flight.api;

import org.returnflow.flight.domain.ManifestEntry;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a manifest: the case and its seat, never a name. A struck entry carries
 * {@code struckAt} and {@code reasonStruck}; an offloaded or moved one also the agency's own
 * {@code agencyReason}, and a moved one {@code movedToFlightId}.
 */
record ManifestEntryView(
        UUID flightId,
        UUID caseId,
        String seat,
        Instant bookedAt,
        Instant boardedAt,
        Instant handedOverAt,
        String receivedBy,
        Instant struckAt,
        String reasonStruck,
        String agencyReason,
        UUID movedToFlightId) {

    /**
     * The view; partners see neither the name of the receiving official nor the agency's reason for
     * an offload (it may say something about the person, e.g. MEDICAL_UNFIT).
     */
    static ManifestEntryView of(ManifestEntry e, boolean partner) {
        return new ManifestEntryView(e.getFlightId(), e.getCaseId(), e.getSeat(), e.getBookedAt(), e.getBoardedAt(),
                e.getHandedOverAt(), partner ? null : e.getReceivedBy(), e.getStruckAt(), e.getReasonStruck(),
                partner ? null : e.getAgencyReason(), e.getMovedToFlightId());
    }
}
