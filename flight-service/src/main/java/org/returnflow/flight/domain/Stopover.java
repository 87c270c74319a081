package org.returnflow.flight.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A stop on the way: the airport, when the flight lands there and when it leaves again, and the
 * transit state's authorisation to carry the people on board through it, once recorded.
 */
@Embeddable
public class Stopover {

    @Column(name = "airport", nullable = false, length = 3)
    private String airport;

    @Column(name = "arrive_at", nullable = false)
    private Instant arriveAt;

    @Column(name = "depart_at", nullable = false)
    private Instant departAt;

    @Column(name = "transit_reference")
    private String transitReference;

    @Column(name = "transit_granted_by")
    private String transitGrantedBy;

    @Column(name = "transit_refused")
    private String transitRefused;

    @Column(name = "transit_authorised_at")
    private Instant transitAuthorisedAt;

    @Column(name = "transit_authorised_by")
    private String transitAuthorisedBy;

    protected Stopover() {
    }

    public Stopover(String airport, Instant arriveAt, Instant departAt) {
        this.airport = Objects.requireNonNull(airport, "airport");
        this.arriveAt = Objects.requireNonNull(arriveAt, "arriveAt");
        this.departAt = Objects.requireNonNull(departAt, "departAt");
    }

    /** The transit state's authorisation for this stop, as recorded. */
    public record TransitAuthorisation(String reference, String grantedBy, List<String> refusedNationalities,
                                       Instant authorisedAt, String authorisedBy) {

        public TransitAuthorisation {
            refusedNationalities = List.copyOf(new TreeSet<>(refusedNationalities));
        }

        /** Whether a request says the same as this record (a retried call). */
        boolean sameAs(String reference, String grantedBy, Collection<String> refused) {
            return this.reference.equals(reference) && this.grantedBy.equals(grantedBy)
                    && refusedNationalities.equals(List.copyOf(new TreeSet<>(refused)));
        }
    }

    /** The authorisation recorded for this stop, or null while there is none. */
    public TransitAuthorisation transitAuthorisation() {
        if (transitReference == null) {
            return null;
        }
        return new TransitAuthorisation(transitReference, transitGrantedBy, split(transitRefused), transitAuthorisedAt,
                transitAuthorisedBy);
    }

    public boolean transitAuthorised() {
        return transitReference != null;
    }

    /** Records the transit state's authorisation; the caller checked there was none. */
    void authoriseTransit(TransitAuthorisation authorisation) {
        if (transitAuthorised()) {
            throw new IllegalStateException("Stopover " + airport + " already has a transit authorisation");
        }
        transitReference = authorisation.reference();
        transitGrantedBy = authorisation.grantedBy();
        transitRefused = String.join(",", authorisation.refusedNationalities());
        transitAuthorisedAt = authorisation.authorisedAt();
        transitAuthorisedBy = authorisation.authorisedBy();
    }

    /** The same stop at new times, keeping the authorisation recorded for it. */
    Stopover withTransitOf(Stopover previous) {
        Stopover moved = new Stopover(airport, arriveAt, departAt);
        moved.transitReference = previous.transitReference;
        moved.transitGrantedBy = previous.transitGrantedBy;
        moved.transitRefused = previous.transitRefused;
        moved.transitAuthorisedAt = previous.transitAuthorisedAt;
        moved.transitAuthorisedBy = previous.transitAuthorisedBy;
        return moved;
    }

    static List<String> split(String codes) {
        return codes == null || codes.isEmpty() ? List.of() : Arrays.asList(codes.split(","));
    }

    public String airport() {
        return airport;
    }

    public Instant arriveAt() {
        return arriveAt;
    }

    public Instant departAt() {
        return departAt;
    }

    /** Equal when the same airport at the same times: the plan, whatever was recorded about transit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Stopover other && airport.equals(other.airport) && arriveAt.equals(other.arriveAt)
                && departAt.equals(other.departAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(airport, arriveAt, departAt);
    }
}
