package org.returnflow.flight.domain;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.web.BadRequestException;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A flight plan is accepted only when it makes sense as a whole. */
class FlightPlanTest {

    static final Instant DEPARTURE = Instant.parse("2026-12-05T08:00:00Z");

    /** The reference flight: AEX → DOH → IKA, 125 seats, 5 for escorts. */
    static FlightPlan referencePlan() {
        return plan(List.of(new Stopover("DOH", DEPARTURE.plusSeconds(14 * 3600), DEPARTURE.plusSeconds(16 * 3600))),
                125, 5);
    }

    static FlightPlan plan(List<Stopover> stopovers, int seats, int escorts) {
        return new FlightPlan("RF101", "Global Crossing Airlines", "AEX", DEPARTURE, stopovers, "IKA", "IRN", seats,
                escorts);
    }

    @Test
    void theReferenceFlightHas120SeatsForReturnees() {
        assertThat(referencePlan().seatsForReturnees()).isEqualTo(120);
    }

    @Test
    void stopoversOutOfOrderAreRefusedNamingTheStop() {
        List<Stopover> stops = List.of(
                new Stopover("DOH", DEPARTURE.plusSeconds(10 * 3600), DEPARTURE.plusSeconds(12 * 3600)),
                new Stopover("PTY", DEPARTURE.plusSeconds(11 * 3600), DEPARTURE.plusSeconds(13 * 3600)));
        assertThatThrownBy(() -> plan(stops, 125, 5)).isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("stopovers[1].arriveAt"));
    }

    @Test
    void aStopoverBeforeDepartureIsRefused() {
        List<Stopover> stops = List.of(new Stopover("DOH", DEPARTURE.minusSeconds(60), DEPARTURE.plusSeconds(60)));
        assertThatThrownBy(() -> plan(stops, 125, 5))
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("stopovers[0].arriveAt"));
    }

    @Test
    void aStopoverThatLeavesBeforeItLandsIsRefused() {
        List<Stopover> stops = List.of(new Stopover("DOH", DEPARTURE.plusSeconds(7200), DEPARTURE.plusSeconds(3600)));
        assertThatThrownBy(() -> plan(stops, 125, 5))
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("stopovers[0].departAt"));
    }

    @Test
    void escortsMustLeaveSeatsForReturnees() {
        assertThatThrownBy(() -> plan(List.of(), 125, 125))
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("escortSeats"));
        assertThat(plan(List.of(), 125, 124).seatsForReturnees()).isEqualTo(1);
    }

    @Test
    void theDestinationMustBeAnIsoAlpha3Country() {
        assertThatThrownBy(() -> new FlightPlan("RF1", "Op", "AEX", DEPARTURE, List.of(), "IKA", "XXX", 10, 1))
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("destinationCountry"));
    }

    @Test
    void airportsMustBeIataCodes() {
        assertThatThrownBy(() -> new FlightPlan("RF1", "Op", "aex", DEPARTURE, List.of(), "IKA", "IRN", 10, 1))
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("departureAirport"));
        assertThatThrownBy(() -> new FlightPlan("RF1", "Op", "AEX", DEPARTURE, List.of(), "AEX", "IRN", 10, 1))
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("arrivalAirport"));
    }

    @Test
    void aNewFlightMustDepartInTheFuture() {
        assertThatThrownBy(() -> referencePlan().requireDepartureAfter(DEPARTURE.plusSeconds(1)))
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo("departureAt"));
        assertThat(referencePlan().requireDepartureAfter(DEPARTURE.minusSeconds(1))).isNotNull();
    }
}
