package org.returnflow.flight;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.FlightArrived;
import org.returnflow.contracts.flight.FlightCancelled;
import org.returnflow.contracts.flight.FlightDeparted;
import org.returnflow.contracts.flight.FlightScheduled;
import org.returnflow.contracts.flight.HandoverConfirmed;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.contracts.flight.ReleaseSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnflow.flight.FlightApi.ofType;

/**
 * The flight-service as the workflow and an agency use it: BookSeat and ReleaseSeat over Kafka,
 * the lifecycle over HTTP, and every event it publishes valid against its schema.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.messaging.relay.poll-interval=100ms")
class FlightLifecycleIT extends FlightServiceITSupport {

    @Test
    void bookSeatGetsASeatAndADuplicateGetsTheSameSeat() {
        UUID flightId = api.schedule("RF101", "IKA", "IRN", 30, 125, 5);
        assertThat(awaitEvent(FlightScheduled.class, flightId).data(FlightScheduled.class).seatsForReturnees())
                .isEqualTo(120);
        UUID caseId = UUID.randomUUID();
        BookSeat command = new BookSeat(caseId, "IRN", Instant.now(), 1);

        sender.send(command);
        SeatBooked first = awaitEvent(SeatBooked.class, caseId).data(SeatBooked.class);
        assertThat(first.flightId()).isEqualTo(flightId);
        assertThat(first.flightNumber()).isEqualTo("RF101");
        assertThat(first.departureAirport()).isEqualTo("AEX");
        assertThat(first.stopoverAirports()).containsExactly("DOH");
        assertThat(first.arrivalAirport()).isEqualTo("IKA");
        assertThat(first.seat()).isEqualTo("1F");

        // The same command again (say, the workflow retried): the same seat, and no second one.
        sender.send(command);
        List<ReceivedEvent> answers = events.await(ofType(SeatBooked.class).and(e -> e.subject().equals(caseId.toString())),
                2, WAIT);
        assertThat(answers).map(e -> e.data(SeatBooked.class).seat()).containsExactly("1F", "1F");
        assertThat(jdbc.queryForObject("select count(*) from manifest_entry where case_id = ?", Integer.class, caseId))
                .isEqualTo(1);
        assertThat(api.flight(flightId)).containsEntry("seatsBooked", 1).containsEntry("seatsAvailable", 119);

        // maxPerFlight 1 from the destination rules: another case finds no seat on this flight.
        UUID second = UUID.randomUUID();
        sender.send(new BookSeat(second, "IRN", Instant.now(), 1));
        assertThat(awaitEvent(SeatUnavailable.class, second).data(SeatUnavailable.class).destinationCountry())
                .isEqualTo("IRN");
    }

    @Test
    void releaseSeatStrikesTheEntryWithItsReasonAndFreesTheSeat() {
        UUID flightId = api.schedule("RF102", "DAM", "SYR", 40, 10, 2);
        UUID keeps = UUID.randomUUID();
        UUID leaves = UUID.randomUUID();
        sender.send(new BookSeat(keeps, "SYR", Instant.now().plus(Duration.ofDays(35)), null));
        sender.send(new BookSeat(leaves, "SYR", Instant.now().plus(Duration.ofDays(35)), null));
        awaitEvent(SeatBooked.class, keeps);
        String seat = awaitEvent(SeatBooked.class, leaves).data(SeatBooked.class).seat();

        String releaseRequest = sender.send(new ReleaseSeat(leaves, "LEGAL_HOLD_PLACED")).getId();
        SeatReleased released = awaitEvent(SeatReleased.class, leaves).data(SeatReleased.class);
        // The answer names the command it answers, so the workflow can tell it from an unasked release.
        assertThat(released.requestId()).hasToString(releaseRequest);
        assertThat(released.seat()).isEqualTo(seat);
        assertThat(released.reason()).isEqualTo("LEGAL_HOLD_PLACED");

        Map<String, Object> manifest = api.manifest(flightId);
        assertThat(manifest).containsEntry("activeCount", 1).containsEntry("struckCount", 1)
                .containsEntry("utilization", 0.125);
        assertThat((List<Map<String, Object>>) manifest.get("struck")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("caseId", leaves.toString())
                        .containsEntry("seat", seat).containsEntry("reasonStruck", "LEGAL_HOLD_PLACED")
                        .containsKey("struckAt"));
        assertThat(api.flight(flightId)).containsEntry("seatsBooked", 1);

        // Releasing again changes nothing and publishes nothing.
        sender.send(new ReleaseSeat(leaves, "LEGAL_HOLD_PLACED"));
        // Booking the case again travels on the same partition, so it is handled after that release.
        sender.send(new BookSeat(leaves, "SYR", Instant.now().plus(Duration.ofDays(35)), null));
        events.await(ofType(SeatBooked.class).and(e -> e.subject().equals(leaves.toString())), 2, WAIT);
        assertThat(events.poll().stream().filter(ofType(SeatReleased.class))
                .filter(e -> e.subject().equals(leaves.toString()))).hasSize(1);
    }

    @Test
    void cancellingPublishesFlightCancelledAndFreesEverySeat() {
        UUID flightId = api.schedule("RF201", "KBL", "AFG", 20, 50, 5);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        sender.send(new BookSeat(a, "AFG", Instant.now(), null));
        sender.send(new BookSeat(b, "AFG", Instant.now(), null));
        awaitEvent(SeatBooked.class, a);
        awaitEvent(SeatBooked.class, b);

        ResponseEntity<Map> cancelled = api.post("/api/flights/" + flightId + "/cancel",
                Map.of("reason", "AIRCRAFT_UNAVAILABLE", "note", "Crew rest rules after the delay in Doha"),
                TestClient.FLIGHT_OPERATIONS);
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cancelled.getBody()).containsEntry("status", "CANCELLED").containsEntry("seatsBooked", 0);

        ReceivedEvent event = awaitEvent(FlightCancelled.class, flightId);
        FlightCancelled data = event.data(FlightCancelled.class);
        assertThat(data.reason()).isEqualTo("AIRCRAFT_UNAVAILABLE");
        assertThat(data.caseIds()).containsExactlyInAnyOrder(a, b);
        assertThat(data.caseId()).isNull();
        assertThat(event.json()).doesNotContain("Crew rest");
        // Each case gets its own copy, keyed by its caseId, in order with its SeatBooked on one partition.
        for (UUID caseId : List.of(a, b)) {
            ReceivedEvent copy = awaitEvent(FlightCancelled.class, caseId);
            assertThat(copy.key()).isEqualTo(caseId.toString());
            assertThat(copy.schemaErrors()).isEmpty();
            assertThat(copy.data(FlightCancelled.class)).isEqualTo(new FlightCancelled(flightId, "AIRCRAFT_UNAVAILABLE",
                    List.of(caseId), data.cancelledAt(), caseId));
        }

        Map<String, Object> manifest = api.manifest(flightId);
        assertThat(manifest).containsEntry("activeCount", 0).containsEntry("struckCount", 2);
        assertThat((List<Map<String, Object>>) manifest.get("struck"))
                .allSatisfy(e -> assertThat(e).containsEntry("reasonStruck", "FLIGHT_CANCELLED"));

        // The cases hold no seat any more: a new flight takes them.
        UUID replacement = api.schedule("RF202", "KBL", "AFG", 21, 50, 5);
        sender.send(new BookSeat(a, "AFG", Instant.now(), null));
        assertThat(events.await(ofType(SeatBooked.class).and(e -> e.subject().equals(a.toString())), 2, WAIT))
                .last().satisfies(e -> assertThat(e.data(SeatBooked.class).flightId()).isEqualTo(replacement));

        // Cancelling twice is refused, naming the status.
        ResponseEntity<Map> again = api.post("/api/flights/" + flightId + "/cancel", Map.of("reason", "WEATHER"),
                TestClient.FLIGHT_OPERATIONS);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) again.getBody().get("detail")).contains("is CANCELLED");
    }

    @Test
    void aFlightGoesFromLockToHandoverAndRefusesStepsOutOfOrder() {
        UUID flightId = api.schedule("RF301", "ISB", "PAK", 10, 20, 2);
        UUID boards = UUID.randomUUID();
        UUID missing = UUID.randomUUID();
        sender.send(new BookSeat(boards, "PAK", Instant.now(), null));
        sender.send(new BookSeat(missing, "PAK", Instant.now(), null));
        awaitEvent(SeatBooked.class, boards);
        awaitEvent(SeatBooked.class, missing);
        String flight = "/api/flights/" + flightId;

        assertConflict(step(flight + "/manifest/" + boards + "/board"), "is SCHEDULED");

        api.authoriseTransit(flightId);
        assertThat(step(flight + "/lock-manifest").getBody()).containsEntry("status", "MANIFEST_LOCKED");
        assertThat(awaitEvent(ManifestLocked.class, flightId).data(ManifestLocked.class).caseIds())
                .containsExactlyInAnyOrder(boards, missing);
        for (UUID caseId : List.of(boards, missing)) {
            assertThat(awaitEvent(ManifestLocked.class, caseId).data(ManifestLocked.class))
                    .satisfies(copy -> assertThat(copy.caseId()).isEqualTo(caseId))
                    .satisfies(copy -> assertThat(copy.caseIds()).containsExactly(caseId));
        }
        UUID late = UUID.randomUUID();
        sender.send(new BookSeat(late, "PAK", Instant.now(), null));
        awaitEvent(SeatUnavailable.class, late);

        assertThat(step(flight + "/manifest/" + boards + "/board").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(awaitEvent(PassengerBoarded.class, boards).data(PassengerBoarded.class).flightId())
                .isEqualTo(flightId);
        assertThat(step(flight + "/manifest/" + boards + "/board").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(step(flight + "/manifest/" + UUID.randomUUID() + "/board").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertConflict(handover(flight, boards), "is MANIFEST_LOCKED");

        assertThat(step(flight + "/depart").getBody()).containsEntry("status", "DEPARTED");
        assertThat(awaitEvent(FlightDeparted.class, flightId).data(FlightDeparted.class).caseIds())
                .containsExactly(boards);
        assertThat(awaitEvent(FlightDeparted.class, boards).data(FlightDeparted.class).caseId()).isEqualTo(boards);
        // The no-show learns at once that the seat is gone, and that no command of its own asked for it.
        SeatReleased noShow = awaitEvent(SeatReleased.class, missing).data(SeatReleased.class);
        assertThat(noShow.reason()).isEqualTo("NOT_BOARDED");
        assertThat(noShow.flightId()).isEqualTo(flightId);
        assertThat(noShow.requestId()).isNull();
        assertConflict(step(flight + "/depart"), "is DEPARTED");
        assertConflict(api.post(flight + "/cancel", Map.of("reason", "WEATHER"), TestClient.FLIGHT_OPERATIONS),
                "is DEPARTED");
        Map<String, Object> manifest = api.manifest(flightId);
        assertThat((List<Map<String, Object>>) manifest.get("struck")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("caseId", missing.toString())
                        .containsEntry("reasonStruck", "NOT_BOARDED"));

        assertThat(step(flight + "/arrive").getBody()).containsEntry("status", "ARRIVED");
        assertThat(awaitEvent(FlightArrived.class, flightId).data(FlightArrived.class).caseIds()).containsExactly(boards);

        ResponseEntity<Map> handedOver = handover(flight, boards);
        assertThat(handedOver.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(handedOver.getBody()).containsEntry("receivedBy", "Officer R. Karimi").containsKey("handedOverAt");
        ReceivedEvent confirmed = awaitEvent(HandoverConfirmed.class, boards);
        assertThat(confirmed.json()).doesNotContain("Karimi");
        assertConflict(handover(flight, boards), "already handed over");

        assertThat(jdbc.queryForList("select action from audit_entry where principal = 'flight-operations' "
                        + "and action <> 'READ' and (subject_id = ? or subject_id = ?) order by id", String.class,
                flightId.toString(), boards.toString()))
                .containsExactly("FLIGHT_SCHEDULED", "TRANSIT_AUTHORISED", "MANIFEST_LOCKED", "PASSENGER_BOARDED",
                        "FLIGHT_DEPARTED", "FLIGHT_ARRIVED", "HANDOVER_CONFIRMED");
    }

    @Test
    void aPartnerReadsAManifestOnlyWithAPurposeAndTheReadIsAudited() {
        UUID flightId = api.schedule("RF401", "BGW", "IRQ", 50, 10, 1);
        String path = "/api/flights/" + flightId + "/manifest";

        ResponseEntity<Map> withoutPurpose = api.get(path, TestClient.PARTNER_MONITOR);
        assertThat(withoutPurpose.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutPurpose.getBody().toString()).contains("purpose");

        ResponseEntity<Map> withPurpose = api.get(path + "?purpose=return-monitoring", TestClient.PARTNER_MONITOR);
        assertThat(withPurpose.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForList("select purpose from audit_entry where principal = 'partner-monitor' "
                + "and action = 'PARTNER_READ' and subject_id = ?", String.class, flightId.toString()))
                .containsExactly("return-monitoring");

        assertThat(api.post("/api/flights/" + flightId + "/lock-manifest", Map.of(), TestClient.PARTNER_MONITOR)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("/api/flights?destinationCountry=IRQ", TestClient.PARTNER_MONITOR).getBody())
                .containsEntry("totalElements", 1);
    }

    private ResponseEntity<Map> step(String path) {
        return api.post(path, Map.of(), TestClient.FLIGHT_OPERATIONS);
    }

    private ResponseEntity<Map> handover(String flight, UUID caseId) {
        return api.post(flight + "/manifest/" + caseId + "/handover", Map.of("receivedBy", "Officer R. Karimi"),
                TestClient.FLIGHT_OPERATIONS);
    }

    private static void assertConflict(ResponseEntity<Map> response, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) response.getBody().get("detail")).contains(detail);
    }
}
