package org.returnflow.flight.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a charter flight stands: SCHEDULED → MANIFEST_LOCKED → DEPARTED → ARRIVED, or CANCELLED
 * before departure. Seats are booked only while SCHEDULED.
 */
public enum FlightStatus {
    SCHEDULED,
    MANIFEST_LOCKED,
    DEPARTED,
    ARRIVED,
    CANCELLED;

    /** The statuses this one may move to. */
    public Set<FlightStatus> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(MANIFEST_LOCKED, CANCELLED);
            case MANIFEST_LOCKED -> EnumSet.of(DEPARTED, CANCELLED);
            case DEPARTED -> EnumSet.of(ARRIVED);
            case ARRIVED, CANCELLED -> EnumSet.noneOf(FlightStatus.class);
        };
    }

    public boolean mayMoveTo(FlightStatus target) {
        return next().contains(target);
    }

    /** Whether the manifest may still change: seats released, passengers offloaded. */
    public boolean beforeDeparture() {
        return this == SCHEDULED || this == MANIFEST_LOCKED;
    }
}
