package org.returnflow.flight.domain;

import java.time.Instant;
import java.util.List;

/**
 * The carrier's manifest of a flight as one document: the flight, its route and escorts, and one
 * row per active entry in seat order, joined with the details the caller gave.
 *
 * @param namesShown  whether the rows carry names (the caller may read them, and gave them)
 * @param generatedBy the principal who asked for the document
 */
public record CarrierManifest(Flight flight, List<Row> rows, boolean namesShown, Instant generatedAt,
                              String generatedBy) {

    /** One seat on the manifest. */
    public record Row(ManifestEntry entry, PassengerDetails details) {

        /** Where the person stands: BOOKED, BOARDED or HANDED_OVER. */
        public String state() {
            if (entry.getHandedOverAt() != null) {
                return "HANDED_OVER";
            }
            return entry.hasBoarded() ? "BOARDED" : "BOOKED";
        }
    }

    public CarrierManifest {
        rows = List.copyOf(rows);
    }

    public long boardedCount() {
        return rows.stream().filter(r -> r.entry().hasBoarded()).count();
    }
}
