package org.returnflow.flight.api;

import org.returnflow.flight.domain.ManifestEntry;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a manifest: the case and its seat, never a name. A struck entry carries
 * {@code struckAt} and {@code reasonStruck}; an offloaded or moved one also the agency's own
 * {@code agencyReason}, and a moved one {@code movedToFlightId}. {@code nationality} is the one
 * BookSeat named, when it did.
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
        UUID movedToFlightId,
        String nationality) {

    /**
     * The view; partners see neither the name of the receiving official nor the agency's reason for
     * an offload (it may say something about the person, e.g. MEDICAL_UNFIT), nor the person's
     * nationality.
     */
    static ManifestEntryView of(ManifestEntry e, boolean partner) {
        return of(e, partner, !partner);
    }

    /**
     * The view as a partner or an agency sees it, with the person's nationality only when
     * {@code identify} (an agency, or a monitor whose token carries {@code monitor:identify}).
     */
    static ManifestEntryView of(ManifestEntry e, boolean partner, boolean identify) {
        return new ManifestEntryView(e.getFlightId(), e.getCaseId(), e.getSeat(), e.getBookedAt(), e.getBoardedAt(),
                e.getHandedOverAt(), partner ? null : e.getReceivedBy(), e.getStruckAt(), e.getReasonStruck(),
                partner ? null : e.getAgencyReason(), e.getMovedToFlightId(), identify ? e.getNationality() : null);
    }
}
