package org.returnflow.flight.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;
import java.util.Objects;

/** A stop on the way: the airport, when the flight lands there and when it leaves again. */
@Embeddable
public class Stopover {

    @Column(name = "airport", nullable = false, length = 3)
    private String airport;

    @Column(name = "arrive_at", nullable = false)
    private Instant arriveAt;

    @Column(name = "depart_at", nullable = false)
    private Instant departAt;

    protected Stopover() {
    }

    public Stopover(String airport, Instant arriveAt, Instant departAt) {
        this.airport = Objects.requireNonNull(airport, "airport");
        this.arriveAt = Objects.requireNonNull(arriveAt, "arriveAt");
        this.departAt = Objects.requireNonNull(departAt, "departAt");
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
