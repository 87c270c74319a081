package org.returnflow.flight.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.returnflow.platform.web.BadRequestException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.returnflow.flight.domain.FlightPlanTest.DEPARTURE;
import static org.returnflow.flight.domain.FlightStateMachineTest.NOW;
import static org.returnflow.flight.domain.FlightStateMachineTest.flightIn;

/** The changes an agency makes to a flight: new times, a seat taken by a moved case, the escorts' seats. */
class FlightChangesTest {

    static final Duration DELAY = Duration.ofHours(6);

    @Test
    void aDelayMovesTheStopoversByAsMuchAsTheDeparture() {
        FlightPlan plan = FlightPlanTest.referencePlan().rescheduled(DEPARTURE.plus(DELAY), null);

        assertThat(plan.departureAt()).isEqualTo(DEPARTURE.plus(DELAY));
        assertThat(plan.stopovers()).singleElement().isEqualTo(new Stopover("DOH",
                DEPARTURE.plus(Duration.ofHours(14)).plus(DELAY), DEPARTURE.plus(Duration.ofHours(16)).plus(DELAY)));
    }

    @Test
    void newStopoverTimesMustNameTheSameAirportsInOrderAndStillFitTheFlight() {
        FlightPlan plan = FlightPlanTest.referencePlan();
        Instant departure = DEPARTURE.plus(DELAY);

        assertThat(plan.rescheduled(departure, List.of(new Stopover("DOH", departure.plusSeconds(3600),
                departure.plusSeconds(7200)))).stopovers().get(0).arriveAt()).isEqualTo(departure.plusSeconds(3600));
        assertField(() -> plan.rescheduled(departure, List.of()), "stopovers");
        assertField(() -> plan.rescheduled(departure, List.of(new Stopover("BAH", departure.plusSeconds(3600),
                departure.plusSeconds(7200)))), "stopovers[0].airport");
        assertField(() -> plan.rescheduled(departure, List.of(new Stopover("DOH", departure.minusSeconds(60),
                departure.plusSeconds(7200)))), "stopovers[0].arriveAt");
        assertField(() -> plan.rescheduled(null, null), "departureAt");
    }

    @Test
    void aRescheduleKeepsTheFirstPlannedDepartureAndRecordsTheReason() {
        Flight flight = flightIn(FlightStatus.MANIFEST_LOCKED);

        assertThat(flight.reschedule(flight.plan().rescheduled(DEPARTURE.plus(DELAY), null), "WEATHER", "fog", NOW))
                .isTrue();

        assertThat(flight.getStatus()).isEqualTo(FlightStatus.MANIFEST_LOCKED);
        assertThat(flight.getDepartureAt()).isEqualTo(DEPARTURE.plus(DELAY));
        assertThat(flight.getOriginalDepartureAt()).isEqualTo(DEPARTURE);
        assertThat(flight.getRescheduleReason()).isEqualTo("WEATHER");
        assertThat(flight.getRescheduledAt()).isEqualTo(NOW);
        assertThat(flight.getStopovers().get(0).arriveAt()).isEqualTo(DEPARTURE.plus(Duration.ofHours(14)).plus(DELAY));
    }

    @Test
    void theSameTimesAgainChangeNothing() {
        Flight flight = flightIn(FlightStatus.SCHEDULED);

        assertThat(flight.reschedule(flight.plan().rescheduled(DEPARTURE, null), "WEATHER", null, NOW)).isFalse();
        assertThat(flight.getRescheduledAt()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = FlightStatus.class, names = {"DEPARTED", "ARRIVED", "CANCELLED"})
    void onlyAFlightThatHasNotLeftIsRescheduled(FlightStatus status) {
        Flight flight = flightIn(status);
        FlightPlan later = FlightPlanTest.referencePlan().rescheduled(DEPARTURE.plus(DELAY), null);

        assertThatThrownBy(() -> flight.reschedule(later, "WEATHER", null, NOW))
                .isInstanceOf(IllegalFlightTransition.class).hasMessageContaining("is " + status);
    }

    @Test
    void aMovedCaseTakesASeatOnlyWhileTheFlightTakesBookingsAndHasOneWithinTheCap() {
        Flight flight = flightIn(FlightStatus.SCHEDULED);
        flight.seatTaken(2);
        flight.seatTaken(2);

        assertThat(flight.getSeatsBooked()).isEqualTo(2);
        assertThatThrownBy(() -> flight.seatTaken(2)).isInstanceOf(FlightFull.class)
                .hasMessageContaining("2 of 2 seats").satisfies(e -> assertThat(((FlightFull) e).field())
                        .isEqualTo("toFlightId"));
        flight.seatTaken(null);
        assertThat(flight.getSeatsBooked()).isEqualTo(3);

        Flight locked = flightIn(FlightStatus.MANIFEST_LOCKED);
        assertThatThrownBy(() -> locked.seatTaken(null)).isInstanceOf(IllegalFlightTransition.class);
    }

    @Test
    void aFullFlightTakesNoMovedCase() {
        Flight flight = new Flight(UUID.randomUUID(), FlightPlanTest.plan(List.of(), 3, 1), NOW);
        flight.seatTaken(null);
        flight.seatTaken(null);

        assertThatThrownBy(() -> flight.seatTaken(null)).isInstanceOf(FlightFull.class);
        assertThat(flight.getSeatsBooked()).isEqualTo(2);
    }

    @Test
    void theEscortsSitInTheFirstSeatsOfTheCabin() {
        assertThat(flightIn(FlightStatus.SCHEDULED).escortSeatLabels()).containsExactly("1A", "1B", "1C", "1D", "1E");
        assertThat(new Flight(UUID.randomUUID(), FlightPlanTest.plan(List.of(), 20, 0), NOW).escortSeatLabels())
                .isEmpty();
    }

    @Test
    void aMoveOfSomeoneOnBoardIsRefusedAndAnOffloadKeepsTheAgencysReason() {
        ManifestEntry boarded = new ManifestEntry(UUID.randomUUID(), UUID.randomUUID(), 1, "1F", NOW, null, null, null);
        boarded.board("RF101", NOW);
        assertThatThrownBy(() -> boarded.moveTo(UUID.randomUUID(), "LOAD_BALANCING", NOW))
                .hasMessageContaining("offload the person");
        assertThat(boarded.isActive()).isTrue();

        boarded.offload("MEDICAL_UNFIT", NOW);
        assertThat(boarded.getReasonStruck()).isEqualTo(ManifestEntry.OFFLOADED);
        assertThat(boarded.getAgencyReason()).isEqualTo("MEDICAL_UNFIT");
        assertThat(boarded.getMovedToFlightId()).isNull();
    }

    private static void assertField(Runnable change, String field) {
        assertThatThrownBy(change::run).isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).field()).isEqualTo(field));
    }
}
