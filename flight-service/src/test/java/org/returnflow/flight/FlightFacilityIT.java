package org.returnflow.flight;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object level on the manifest, failing closed: one person is held at LA-PINE, another at LA-JENA,
 * both on the same flight. A client of LA-JENA sees and acts on its own passenger only: the other
 * is missing from its manifest and its carrier's manifest, and boarding, offloading or moving them
 * is a 404 that changes nothing. A token without the facilities claim sees no passenger at all.
 * Over real HTTP with real tokens, on real PostgreSQL and Kafka.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.messaging.relay.poll-interval=100ms")
class FlightFacilityIT extends FlightServiceITSupport {

    @Test
    @SuppressWarnings("unchecked")
    void aClientOfAnotherFacilityNeitherSeesNorMovesThePassenger() {
        UUID flightId = api.schedule("RF2611", "IKA", "IRN", 30, 20, 2);
        UUID later = api.schedule("RF2612", "IKA", "IRN", 31, 20, 2);
        String flight = "/api/flights/" + flightId;
        UUID pine = UUID.randomUUID();
        UUID jena = UUID.randomUUID();
        sender.send(new BookSeat(pine, "IRN", Instant.now(), null, "IRN", "LA-PINE"));
        sender.send(new BookSeat(jena, "IRN", Instant.now(), null, "IRN", "LA-JENA"));
        assertThat(awaitEvent(SeatBooked.class, pine).data(SeatBooked.class).flightId()).isEqualTo(flightId);
        assertThat(awaitEvent(SeatBooked.class, jena).data(SeatBooked.class).flightId()).isEqualTo(flightId);
        TestClient jenaOps = TestClient.FLIGHT_OPERATIONS.atFacilities("LA-JENA");

        Map<String, Object> seen = api.get(flight + "/manifest", jenaOps).getBody();
        assertThat((List<Map<String, Object>>) seen.get("active")).extracting(e -> e.get("caseId"))
                .containsExactly(jena.toString());
        assertThat((List<Object>) api.get(flight + "/manifest", TestClient.FLIGHT_OPERATIONS.withoutFacilities())
                .getBody().get("active")).isEmpty();
        ResponseEntity<byte[]> csv = http.exchange(flight + "/manifest.csv", HttpMethod.GET,
                new HttpEntity<>(jenaOps.headers()), byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new String(csv.getBody(), StandardCharsets.UTF_8)).contains(jena.toString())
                .doesNotContain(pine.toString());

        assertProblem(api.post(flight + "/manifest/" + pine + "/offload", Map.of("reason", "MEDICAL_UNFIT"), jenaOps),
                HttpStatus.NOT_FOUND, null);
        assertProblem(api.post(flight + "/manifest/" + pine + "/move", Map.of("toFlightId", later.toString(),
                "reason", "LOAD_BALANCING"), jenaOps), HttpStatus.NOT_FOUND, null);
        assertThat(jdbc.queryForObject("select count(*) from manifest_entry where case_id = ? and struck_at is null "
                + "and flight_id = ?", Integer.class, pine, flightId)).as("still on its flight").isEqualTo(1);

        api.authoriseTransit(flightId);
        done(flight + "/lock-manifest", Map.of());
        assertProblem(api.post(flight + "/manifest/" + pine + "/board", Map.of(), jenaOps), HttpStatus.NOT_FOUND, null);
        Map<String, Object> bulk = api.post(flight + "/board", Map.of("items", List.of(Map.of("caseId", pine.toString()),
                Map.of("caseId", jena.toString()))), jenaOps).getBody();
        assertThat(bulk).containsEntry("done", 1).containsEntry("refused", 1);
        assertThat(jdbc.queryForObject("select boarded_at is null from manifest_entry where case_id = ? "
                + "and struck_at is null", Boolean.class, pine)).as("the other facility's passenger not boarded").isTrue();
        assertThat(jdbc.queryForObject("select boarded_at is not null from manifest_entry where case_id = ? "
                + "and struck_at is null", Boolean.class, jena)).isTrue();
        // The person's own facility boards them.
        assertThat(api.post(flight + "/manifest/" + pine + "/board", Map.of(),
                TestClient.FLIGHT_OPERATIONS.atFacilities("LA-PINE")).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
