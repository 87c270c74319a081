package org.returnflow.flight.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.returnflow.flight.domain.FlightStatus.ARRIVED;
import static org.returnflow.flight.domain.FlightStatus.CANCELLED;
import static org.returnflow.flight.domain.FlightStatus.DEPARTED;
import static org.returnflow.flight.domain.FlightStatus.MANIFEST_LOCKED;
import static org.returnflow.flight.domain.FlightStatus.SCHEDULED;

/** The flight lifecycle: every legal transition works, every other one is refused naming the status. */
class FlightStateMachineTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    /** The only moves a flight may make. */
    static final Map<FlightStatus, Set<FlightStatus>> LEGAL = Map.of(
            SCHEDULED, Set.of(MANIFEST_LOCKED, CANCELLED),
            MANIFEST_LOCKED, Set.of(DEPARTED, CANCELLED),
            DEPARTED, Set.of(ARRIVED),
            ARRIVED, Set.of(),
            CANCELLED, Set.of());

    /** The lifecycle step that moves a flight to each status. */
    static final Map<FlightStatus, BiConsumer<Flight, Instant>> STEP = Map.of(
            MANIFEST_LOCKED, Flight::lockManifest,
            DEPARTED, Flight::depart,
            ARRIVED, Flight::arrive,
            CANCELLED, (f, now) -> f.cancel("AIRCRAFT_UNAVAILABLE", "engine check", now));

    static Stream<Arguments> everyStepFromEveryStatus() {
        List<Arguments> all = new ArrayList<>();
        for (FlightStatus from : FlightStatus.values()) {
            for (FlightStatus to : STEP.keySet()) {
                all.add(Arguments.of(from, to));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyStepFromEveryStatus")
    void aStepSucceedsExactlyWhenTheTransitionIsLegal(FlightStatus from, FlightStatus to) {
        Flight flight = flightIn(from);
        if (LEGAL.get(from).contains(to)) {
            STEP.get(to).accept(flight, NOW);
            assertThat(flight.getStatus()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> STEP.get(to).accept(flight, NOW))
                    .isInstanceOf(IllegalFlightTransition.class)
                    .hasMessageContaining("is " + from)
                    .satisfies(e -> assertThat(((IllegalFlightTransition) e).currentStatus()).isEqualTo(from));
            assertThat(flight.getStatus()).as("status after a refused step").isEqualTo(from);
        }
    }

    @ParameterizedTest
    @EnumSource(FlightStatus.class)
    void theStatusTableAllowsExactlyTheLegalMoves(FlightStatus from) {
        assertThat(from.next()).containsExactlyInAnyOrderElementsOf(LEGAL.get(from));
        for (FlightStatus to : FlightStatus.values()) {
            assertThat(from.mayMoveTo(to)).as(from + " -> " + to).isEqualTo(LEGAL.get(from).contains(to));
        }
    }

    @Test
    void departingTwiceIsRefusedNamingDeparted() {
        Flight flight = flightIn(DEPARTED);
        assertThatThrownBy(() -> flight.depart(NOW)).hasMessage("Flight RF101 is DEPARTED: it cannot depart");
    }

    @Test
    void cancellingAfterDepartureIsRefused() {
        Flight flight = flightIn(DEPARTED);
        assertThatThrownBy(() -> flight.cancel("WEATHER", null, NOW)).isInstanceOf(IllegalFlightTransition.class)
                .hasMessageContaining("is DEPARTED");
        assertThat(flight.getCancelReason()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = FlightStatus.class, names = "MANIFEST_LOCKED", mode = EnumSource.Mode.EXCLUDE)
    void boardingNeedsALockedManifest(FlightStatus status) {
        Flight flight = flightIn(status);
        assertThatThrownBy(() -> flight.requireStatus(MANIFEST_LOCKED, "board passengers"))
                .isInstanceOf(IllegalFlightTransition.class).hasMessageContaining("is " + status);
    }

    @ParameterizedTest
    @EnumSource(value = FlightStatus.class, names = "ARRIVED", mode = EnumSource.Mode.EXCLUDE)
    void handoverNeedsAnArrivedFlight(FlightStatus status) {
        Flight flight = flightIn(status);
        assertThatThrownBy(() -> flight.requireStatus(ARRIVED, "hand over passengers"))
                .isInstanceOf(IllegalFlightTransition.class).hasMessageContaining("is " + status);
    }

    @Test
    void eachStepRecordsItsTime() {
        Flight flight = flightIn(SCHEDULED);
        flight.lockManifest(NOW);
        flight.depart(NOW.plusSeconds(60));
        flight.arrive(NOW.plusSeconds(120));
        assertThat(flight.getManifestLockedAt()).isEqualTo(NOW);
        assertThat(flight.getDepartedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(flight.getArrivedAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void seatsAreAvailableOnlyWhileScheduled() {
        Flight flight = flightIn(SCHEDULED);
        assertThat(flight.getSeatsForReturnees()).isEqualTo(120);
        assertThat(flight.getSeatsAvailable()).isEqualTo(120);
        flight.lockManifest(NOW);
        assertThat(flight.getSeatsAvailable()).isZero();
    }

    @Test
    void seatLabelsPutEscortsInFrontAndAreUniquePerFlight() {
        Flight flight = flightIn(SCHEDULED);
        assertThat(flight.seatLabel(1)).isEqualTo("1F");
        assertThat(flight.seatLabel(2)).isEqualTo("2A");
        assertThat(flight.seatLabel(120)).isEqualTo("21E");
        Set<String> labels = new java.util.HashSet<>();
        for (int n = 1; n <= 120; n++) {
            labels.add(flight.seatLabel(n));
        }
        assertThat(labels).hasSize(120);
    }

    @Test
    void freeingMoreSeatsThanBookedIsABug() {
        Flight flight = flightIn(SCHEDULED);
        assertThatThrownBy(() -> flight.seatsFreed(1)).isInstanceOf(IllegalArgumentException.class);
    }

    static Flight flightIn(FlightStatus status) {
        Flight flight = new Flight(UUID.randomUUID(), FlightPlanTest.referencePlan(), NOW.minusSeconds(3600));
        flight.getStopovers().forEach(s -> flight.authoriseTransit(s.airport(), TransitAuthorisationTest.granted()));
        switch (status) {
            case SCHEDULED -> { }
            case MANIFEST_LOCKED -> flight.lockManifest(NOW);
            case DEPARTED -> {
                flight.lockManifest(NOW);
                flight.depart(NOW);
            }
            case ARRIVED -> {
                flight.lockManifest(NOW);
                flight.depart(NOW);
                flight.arrive(NOW);
            }
            case CANCELLED -> flight.cancel("AIRCRAFT_UNAVAILABLE", null, NOW);
        }
        assertThat(flight.getStatus()).isEqualTo(status);
        return flight;
    }
}
