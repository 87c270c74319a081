package org.returnflow.flight;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.ManifestLocked;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.flight.SeatReleased;
import org.returnflow.contracts.flight.SeatUnavailable;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transit authorisations at stopovers over real HTTP with real tokens, on real PostgreSQL and Kafka
 * (flights to Uzbekistan, Turkmenistan and Mongolia, which no other test books): the manifest is
 * not locked while a stopover lacks one, a refused nationality is struck TRANSIT_REFUSED and never
 * booked or moved onto that flight again.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.messaging.relay.poll-interval=100ms")
class TransitAuthorisationIT extends FlightServiceITSupport {

    @Test
    void aLockWithoutTheAuthorisationIs409NamingTheStopoverAndARefusedNationalityIsStruckAndNotBookedAgain() {
        UUID flightId = api.schedule("RF801", "TAS", "UZB", 30, 20, 2);
        UUID afghan = UUID.randomUUID();
        UUID iranian = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        sender.send(new BookSeat(afghan, "UZB", Instant.now(), null, "AFG"));
        sender.send(new BookSeat(iranian, "UZB", Instant.now(), null, "IRN"));
        sender.send(new BookSeat(unknown, "UZB", Instant.now(), null));
        List.of(afghan, iranian, unknown).forEach(c -> awaitEvent(SeatBooked.class, c));
        String flight = "/api/flights/" + flightId;

        ResponseEntity<Map> refused = api.post(flight + "/lock-manifest", Map.of(), TestClient.FLIGHT_OPERATIONS);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) refused.getBody().get("detail")).contains("stopover DOH");
        assertThat(refused.getBody().toString()).contains("stopovers[0].airport");
        assertThat(api.flight(flightId)).containsEntry("status", "SCHEDULED");

        ResponseEntity<Map> authorised = api.authoriseTransit(flightId, "AFG", "PAK");
        assertThat(authorised.getBody()).containsEntry("airport", "DOH").containsEntry("grantedBy", "QAT-MOI-BORDERS")
                .containsEntry("refusedNationalities", List.of("AFG", "PAK")).containsEntry("changed", true)
                .containsEntry("struckCaseIds", List.of(afghan.toString()));

        ReceivedEvent released = awaitEvent(SeatReleased.class, afghan);
        assertThat(released.key()).isEqualTo(afghan.toString());
        SeatReleased data = released.data(SeatReleased.class);
        assertThat(data.reason()).isEqualTo("TRANSIT_REFUSED");
        assertThat(data.requestId()).isNull();
        assertThat(data.flightId()).isEqualTo(flightId);
        Map<String, Object> manifest = api.manifest(flightId);
        assertThat((List<Map<String, Object>>) manifest.get("struck")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("caseId", afghan.toString())
                        .containsEntry("reasonStruck", "TRANSIT_REFUSED").containsEntry("nationality", "AFG"));
        assertThat(manifest).containsEntry("activeCount", 2);
        assertThat(api.flight(flightId)).containsEntry("seatsBooked", 2);
        Map<String, Object> stop = ((List<Map<String, Object>>) api.flight(flightId).get("stopovers")).get(0);
        assertThat((Map<String, Object>) stop.get("transitAuthorisation")).containsEntry("reference",
                authorised.getBody().get("reference"));

        // Booked again, the refused nationality gets no seat on this flight (here: none at all), and a
        // new person of that nationality neither; other nationalities still do.
        sender.send(new BookSeat(afghan, "UZB", Instant.now(), null, "AFG"));
        assertThat(awaitEvent(SeatUnavailable.class, afghan).data(SeatUnavailable.class).caseId()).isEqualTo(afghan);
        UUID pakistani = UUID.randomUUID();
        sender.send(new BookSeat(pakistani, "UZB", Instant.now(), null, "PAK"));
        awaitEvent(SeatUnavailable.class, pakistani);
        UUID turk = UUID.randomUUID();
        sender.send(new BookSeat(turk, "UZB", Instant.now(), null, "TUR"));
        assertThat(awaitEvent(SeatBooked.class, turk).data(SeatBooked.class).flightId()).isEqualTo(flightId);
        // A later flight that refuses nobody takes the person the first one refused.
        UUID later = api.schedule("RF802", "TAS", "UZB", 32, 20, 2);
        sender.send(new BookSeat(afghan, "UZB", Instant.now(), null, "AFG"));
        assertThat(awaitEvents(SeatBooked.class, afghan, 2).get(1).data(SeatBooked.class).flightId()).isEqualTo(later);

        // Recorded once: the same again is no change (a retry), another authorisation is a 409.
        assertThat(api.authoriseTransit(flightId, "PAK", "AFG").getBody()).containsEntry("changed", false)
                .containsEntry("struckCaseIds", List.of());
        assertProblem(api.post(flight + "/stopovers/DOH/transit-authorisation", Map.of("reference", "QA-TR-9",
                "grantedBy", "QAT-MOI-BORDERS"), TestClient.FLIGHT_OPERATIONS), HttpStatus.CONFLICT, "reference");

        ResponseEntity<Map> locked = api.post(flight + "/lock-manifest", Map.of(), TestClient.FLIGHT_OPERATIONS);
        assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(awaitEvent(ManifestLocked.class, flightId).data(ManifestLocked.class).caseIds())
                .containsExactlyInAnyOrder(iranian, unknown, turk);
        assertThat(jdbc.queryForList("select action from audit_entry where subject_id = ? and action = "
                + "'TRANSIT_AUTHORISED'", String.class, flightId.toString())).hasSize(1);
    }

    @Test
    void aCaseIsNeverMovedOntoAFlightWhoseStopoverRefusesItsNationality() {
        UUID from = api.schedule("RF811", "ULN", "MNG", 30, 20, 2);
        UUID to = api.schedule("RF812", "ULN", "MNG", 32, 20, 2);
        api.authoriseTransit(to, "AFG");
        UUID afghan = UUID.randomUUID();
        sender.send(new BookSeat(afghan, "MNG", Instant.now(), null, "AFG"));
        assertThat(awaitEvent(SeatBooked.class, afghan).data(SeatBooked.class).flightId()).isEqualTo(from);

        ResponseEntity<Map> move = api.post("/api/flights/" + from + "/manifest/" + afghan + "/move",
                Map.of("toFlightId", to.toString(), "reason", "LOAD_BALANCING"), TestClient.FLIGHT_OPERATIONS);

        assertProblem(move, HttpStatus.CONFLICT, "toFlightId");
        assertThat((String) move.getBody().get("detail")).contains("DOH");
        assertThat(api.manifest(from)).containsEntry("activeCount", 1);
        assertThat(api.manifest(to)).containsEntry("activeCount", 0);
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        UUID flightId = api.schedule("RF803", "ASB", "TKM", 40, 20, 2);
        String path = "/api/flights/" + flightId + "/stopovers/DOH/transit-authorisation";
        Map<String, Object> good = Map.of("reference", "QA-TR-1", "grantedBy", "QAT-MOI-BORDERS");

        assertProblem(api.post("/api/flights/" + flightId + "/stopovers/BAH/transit-authorisation", good,
                TestClient.FLIGHT_OPERATIONS), HttpStatus.NOT_FOUND, "BAH");
        assertProblem(api.post("/api/flights/" + UUID.randomUUID() + "/stopovers/DOH/transit-authorisation", good,
                TestClient.FLIGHT_OPERATIONS), HttpStatus.NOT_FOUND, null);
        assertProblem(api.post(path, Map.of("reference", "QA-TR-1", "grantedBy", "QAT-MOI-BORDERS",
                "refusedNationalities", List.of("XXX")), TestClient.FLIGHT_OPERATIONS), HttpStatus.BAD_REQUEST,
                "refusedNationalities[0]");
        assertThat(api.post(path, good, TestClient.PARTNER_MONITOR).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.queryForObject("select count(*) from stopover where flight_id = ? and transit_reference "
                + "is not null", Long.class, flightId)).isZero();
        assertThat(api.post("/api/flights/" + flightId + "/lock-manifest", Map.of(), TestClient.FLIGHT_OPERATIONS)
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }
}
