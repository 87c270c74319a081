package org.returnflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.detention.LegalHoldPlaced;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.SeatBooked;

class MessagesTest {

    @Test
    void caseMessagesAreKeyedByCaseIdEvenWhenTheyNameAFlight() {
        SeatBooked booked = Samples.of(SeatBooked.class);

        assertThat(Messages.partitionKey(booked)).isEqualTo(Samples.CASE.toString());
    }

    @Test
    void flightLevelEventsAreKeyedByFlightId() {
        ManifestLocked locked = new ManifestLocked(Samples.FLIGHT, Samples.DEPARTURE, List.of(Samples.CASE), null);
        FlightCancelled cancelled = new FlightCancelled(Samples.FLIGHT, "AIRCRAFT_UNAVAILABLE",
                List.of(Samples.CASE, Samples.OTHER_CASE), Samples.NOW, null);

        assertThat(Messages.partitionKey(locked)).isEqualTo(Samples.FLIGHT.toString());
        assertThat(Messages.partitionKey(cancelled)).isEqualTo(Samples.FLIGHT.toString());
    }

    @Test
    void theCopyOfAFlightLevelEventForOneCaseIsKeyedByThatCase() {
        ManifestLocked locked = new ManifestLocked(Samples.FLIGHT, Samples.DEPARTURE, List.of(Samples.CASE), Samples.CASE);
        FlightCancelled cancelled = Samples.of(FlightCancelled.class);

        assertThat(Messages.partitionKey(locked)).isEqualTo(Samples.CASE.toString());
        assertThat(Messages.partitionKey(cancelled)).isEqualTo(Samples.CASE.toString());
    }

    @Test
    void aLegalHoldWithoutCaseIsKeyedByDetaineeId() {
        LegalHoldPlaced withCase = Samples.of(LegalHoldPlaced.class);
        LegalHoldPlaced withoutCase = new LegalHoldPlaced(null, Samples.DETAINEE, Samples.HOLD, Samples.NOW);

        assertThat(Messages.partitionKey(withCase)).isEqualTo(Samples.CASE.toString());
        assertThat(Messages.partitionKey(withoutCase)).isEqualTo(Samples.DETAINEE.toString());
    }

    @Test
    void aMessageWithoutAnyIdCannotBeKeyed() {
        Message anonymous = new Message() {
        };

        assertThatThrownBy(() -> Messages.partitionKey(anonymous))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("caseId");
    }

    @Test
    void everySampleHasAKey() {
        assertThat(Samples.all().values()).allSatisfy(m -> assertThat(Messages.partitionKey(m)).isNotBlank());
    }
}
