package org.returnflow.flight.domain;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transit authorisations at stopovers: the manifest is not locked while a stopover lacks one, an
 * authorisation is recorded once, its refusals are kept on the flight, and a reschedule keeps it.
 */
class TransitAuthorisationTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    static Stopover.TransitAuthorisation granted(String... refused) {
        return new Stopover.TransitAuthorisation("QA-TR-2026-0142", "QAT-MOI-BORDERS", List.of(refused), NOW,
                "flight-operations");
    }

    static Flight flight() {
        return new Flight(UUID.randomUUID(), FlightPlanTest.referencePlan(), NOW.minusSeconds(3600));
    }

    @Test
    void theManifestIsNotLockedWhileAStopoverLacksItsAuthorisation() {
        Flight flight = flight();
        String airport = flight.getStopovers().get(0).airport();

        assertThatThrownBy(() -> flight.lockManifest(NOW)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("stopover " + airport);
        assertThat(flight.getStatus()).isEqualTo(FlightStatus.SCHEDULED);

        assertThat(flight.authoriseTransit(airport, granted())).isTrue();
        flight.lockManifest(NOW);
        assertThat(flight.getStatus()).isEqualTo(FlightStatus.MANIFEST_LOCKED);
    }

    @Test
    void anAuthorisationIsRecordedOnceAndItsRefusalsStayOnTheFlight() {
        Flight flight = flight();
        String airport = flight.getStopovers().get(0).airport();

        assertThat(flight.authoriseTransit(airport, granted("PAK", "AFG"))).isTrue();
        assertThat(flight.getTransitRefusedNationalities()).containsExactly("AFG", "PAK");
        assertThat(flight.refusesInTransit("AFG")).isTrue();
        assertThat(flight.refusesInTransit("IRN")).isFalse();
        assertThat(flight.refusesInTransit(null)).isFalse();
        assertThat(flight.stopoverRefusing("PAK")).contains(airport);

        // The same again (a retried call) changes nothing; anything else is refused.
        assertThat(flight.authoriseTransit(airport, granted("AFG", "PAK"))).isFalse();
        assertThatThrownBy(() -> flight.authoriseTransit(airport, granted("AFG")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("QA-TR-2026-0142");
        assertThat(flight.getTransitRefusedNationalities()).containsExactly("AFG", "PAK");
    }

    @Test
    void anAirportTheFlightDoesNotStopAtIsNotFoundAndADepartedFlightTakesNone() {
        Flight flight = flight();
        assertThatThrownBy(() -> flight.authoriseTransit("BAH", granted())).isInstanceOf(NotFoundException.class);

        String airport = flight.getStopovers().get(0).airport();
        flight.authoriseTransit(airport, granted());
        flight.lockManifest(NOW);
        flight.depart(NOW);
        assertThatThrownBy(() -> flight.authoriseTransit(airport, granted()))
                .isInstanceOf(IllegalFlightTransition.class).hasMessageContaining("DEPARTED");
    }

    @Test
    void aRescheduleKeepsTheAuthorisationOfEachStop() {
        Flight flight = flight();
        String airport = flight.getStopovers().get(0).airport();
        flight.authoriseTransit(airport, granted("AFG"));

        Instant later = flight.getDepartureAt().plus(6, ChronoUnit.HOURS);
        assertThat(flight.reschedule(flight.plan().rescheduled(later, null), "WEATHER", null, NOW)).isTrue();

        assertThat(flight.getStopovers().get(0).transitAuthorisation().refusedNationalities()).containsExactly("AFG");
        flight.lockManifest(NOW);
        assertThat(flight.getStatus()).isEqualTo(FlightStatus.MANIFEST_LOCKED);
    }
}
