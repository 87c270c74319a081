package org.returnflow.contracts.flight;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.returnflow.contracts.CaseMessage;
import org.returnflow.contracts.FlightMessage;

/**
 * The seat held for the case was released, and the manifest entry struck with the reason.
 *
 * @param reason upper-case code, for example {@code LEGAL_HOLD_PLACED}
 * @param requestId the CloudEvents id of the command this answers (its request id); absent when no command asked for it
 * @param movedToFlightId set when the reason is {@code MOVED}: the flight the case was moved to, where a {@code SeatBooked} follows on the same partition
 */
public record SeatReleased(
        UUID caseId,
        UUID flightId,
        String seat,
        String reason,
        Instant releasedAt,
        UUID requestId,
        UUID movedToFlightId) implements CaseMessage, FlightMessage {

    public SeatReleased {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(flightId, "flightId");
        Objects.requireNonNull(seat, "seat");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }

    /** A release without a move, as every release was before moves existed. */
    public SeatReleased(UUID caseId, UUID flightId, String seat, String reason, Instant releasedAt, UUID requestId) {
        this(caseId, flightId, seat, reason, releasedAt, requestId, null);
    }
}
