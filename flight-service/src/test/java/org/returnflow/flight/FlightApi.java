package org.returnflow.flight;

import org.returnflow.contracts.Message;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls the flight API over real HTTP with real signed tokens, as an agency's system would. */
public final class FlightApi {

    private final TestRestTemplate http;

    public FlightApi(TestRestTemplate http) {
        this.http = http;
    }

    /** Schedules a flight from AEX via DOH to the airport, departing in the given number of days. */
    public UUID schedule(String flightNumber, String arrivalAirport, String country, int days, int seats,
                         int escorts) {
        Instant departure = Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> body = Map.of(
                "flightNumber", flightNumber,
                "operator", "Global Crossing Airlines",
                "departureAirport", "AEX",
                "departureAt", departure.toString(),
                "stopovers", List.of(Map.of("airport", "DOH",
                        "arriveAt", departure.plus(14, ChronoUnit.HOURS).toString(),
                        "departAt", departure.plus(16, ChronoUnit.HOURS).toString())),
                "arrivalAirport", arrivalAirport,
                "destinationCountry", country,
                "seatCapacity", seats,
                "escortSeats", escorts);
        ResponseEntity<Map> created = post("/api/flights", body, TestClient.FLIGHT_OPERATIONS);
        assertThat(created.getStatusCode()).as("scheduling %s: %s", flightNumber, created.getBody())
                .isEqualTo(HttpStatus.CREATED);
        return UUID.fromString((String) created.getBody().get("id"));
    }

    /** Records the transit authorisation of the flight's DOH stopover, refusing the given nationalities. */
    public ResponseEntity<Map> authoriseTransit(UUID flightId, String... refusedNationalities) {
        ResponseEntity<Map> answer = post("/api/flights/" + flightId + "/stopovers/DOH/transit-authorisation",
                Map.of("reference", "QA-TR-" + flightId.toString().substring(0, 8), "grantedBy", "QAT-MOI-BORDERS",
                        "refusedNationalities", List.of(refusedNationalities)), TestClient.FLIGHT_OPERATIONS);
        assertThat(answer.getStatusCode()).as("transit authorisation: %s", answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer;
    }

    public ResponseEntity<Map> post(String path, Object body, TestClient client) {
        HttpHeaders headers = client.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    public ResponseEntity<Map> get(String path, TestClient client) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(client.headers()), Map.class);
    }

    public Map<String, Object> flight(UUID id) {
        ResponseEntity<Map> response = get("/api/flights/" + id, TestClient.FLIGHT_OPERATIONS);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    public Map<String, Object> manifest(UUID id) {
        ResponseEntity<Map> response = get("/api/flights/" + id + "/manifest", TestClient.FLIGHT_OPERATIONS);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** Matches events of a contracts type. */
    public static Predicate<ReceivedEvent> ofType(Class<? extends Message> type) {
        String name = MessageCatalog.byClass(type).type();
        return e -> e.type().equals(name);
    }
}
