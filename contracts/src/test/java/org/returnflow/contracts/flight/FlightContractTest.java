package org.returnflow.contracts.flight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.ContractSchemas;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.Messages;

/** The flight changes an agency makes (reschedule, offload, move) as the cases receive them. */
class FlightContractTest {

    private static final UUID FLIGHT = UUID.randomUUID();
    private static final UUID OTHER_FLIGHT = UUID.randomUUID();
    private static final UUID CASE = UUID.randomUUID();
    private static final Instant DEPARTURE = Instant.parse("2026-12-05T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-20T14:30:00Z");

    @Test
    void aRescheduleIsKeyedByFlightAndItsCopyForOneCaseByThatCase() {
        FlightRescheduled flightLevel = new FlightRescheduled(FLIGHT, DEPARTURE, DEPARTURE.plusSeconds(3600), "WEATHER",
                List.of(CASE), NOW, null);
        FlightRescheduled copy = new FlightRescheduled(FLIGHT, DEPARTURE, DEPARTURE.plusSeconds(3600), "WEATHER",
                List.of(CASE), NOW, CASE);

        assertThat(Messages.partitionKey(flightLevel)).isEqualTo(FLIGHT.toString());
        assertThat(Messages.partitionKey(copy)).isEqualTo(CASE.toString());
        assertThat(ContractSchemas.validate(MessageCatalog.of(flightLevel),
                ContractJson.mapper().valueToTree(flightLevel))).isEmpty();
    }

    @Test
    void aMoveNamesTheFlightTheCaseNowHoldsAndAnOffloadDoesNot() {
        SeatReleased moved = new SeatReleased(CASE, FLIGHT, "3A", "MOVED", NOW, null, OTHER_FLIGHT);
        SeatReleased offloaded = new SeatReleased(CASE, FLIGHT, "3A", "OFFLOADED", NOW, null);

        assertThat(offloaded.movedToFlightId()).isNull();
        assertThat(Messages.partitionKey(moved)).isEqualTo(CASE.toString());
        for (SeatReleased event : List.of(moved, offloaded)) {
            assertThat(ContractSchemas.validate(MessageCatalog.of(event), ContractJson.mapper().valueToTree(event)))
                    .as(event.toString()).isEmpty();
        }
        assertThat(ContractJson.mapper().valueToTree(moved).path("movedToFlightId").asText())
                .isEqualTo(OTHER_FLIGHT.toString());
    }

    @Test
    void aSeriousFindingIsKeyedByTheCaseAndCarriesCodesOnly() {
        MonitoringFindingReported finding = new MonitoringFindingReported(CASE, FLIGHT, UUID.randomUUID(),
                UUID.randomUUID(), "return-monitor", "RESTRAINT_DISPROPORTIONATE", "SERIOUS", NOW);

        assertThat(Messages.partitionKey(finding)).isEqualTo(CASE.toString());
        assertThat(ContractSchemas.validate(MessageCatalog.of(finding), ContractJson.mapper().valueToTree(finding)))
                .isEmpty();
        MonitoringFindingReported prose = new MonitoringFindingReported(CASE, FLIGHT, UUID.randomUUID(),
                UUID.randomUUID(), "return-monitor", "restrained at the ankles", "SERIOUS", NOW);
        assertThat(ContractSchemas.validate(MessageCatalog.of(prose), ContractJson.mapper().valueToTree(prose)))
                .isNotEmpty();
    }

    @Test
    void aMonitorAssignmentIsFlightLevelAndABookingMayNameTheNationality() {
        MonitorAssigned assigned = new MonitorAssigned(FLIGHT, "return-monitor", NOW);
        MonitorUnassigned unassigned = new MonitorUnassigned(FLIGHT, "return-monitor", NOW);
        assertThat(Messages.partitionKey(assigned)).isEqualTo(FLIGHT.toString());
        assertThat(Messages.partitionKey(unassigned)).isEqualTo(FLIGHT.toString());

        BookSeat withNationality = new BookSeat(CASE, "IRN", NOW, null, "AFG");
        BookSeat without = new BookSeat(CASE, "IRN", NOW, null);
        assertThat(without.nationality()).isNull();
        assertThat(ContractJson.mapper().valueToTree(without).has("nationality")).isFalse();
        assertThat(ContractSchemas.validate(MessageCatalog.of(withNationality),
                ContractJson.mapper().valueToTree(withNationality))).isEmpty();
        BookSeat lowerCase = new BookSeat(CASE, "IRN", NOW, null, "afg");
        assertThat(ContractSchemas.validate(MessageCatalog.of(lowerCase), ContractJson.mapper().valueToTree(lowerCase)))
                .isNotEmpty();
    }
}
