package org.returnflow.flight.api;

import org.returnflow.flight.domain.ManifestEntry;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a manifest: the case and its seat, never a name. A struck entry carries
 * {@code struckAt} and {@code reasonStruck}.
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
        String reasonStruck) {

    /** The view; partners do not see the name of the receiving official. */
    static ManifestEntryView of(ManifestEntry e, boolean partner) {
        return new ManifestEntryView(e.getFlightId(), e.getCaseId(), e.getSeat(), e.getBookedAt(), e.getBoardedAt(),
                e.getHandedOverAt(), partner ? null : e.getReceivedBy(), e.getStruckAt(), e.getReasonStruck());
    }
}
