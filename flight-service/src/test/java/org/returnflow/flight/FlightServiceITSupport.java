package org.returnflow.flight;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.returnflow.contracts.Message;
import org.returnflow.contracts.Topics;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.returnflow.testkit.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnflow.flight.FlightApi.ofType;

/**
 * What the flight-service ITs share: the API over real HTTP with real tokens, a sender of commands
 * to the test broker, and a probe on {@code flight.events} whose every event must pass its JSON
 * Schema when a test ends.
 */
abstract class FlightServiceITSupport {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    FlightApi api;
    TopicProbe events;
    CloudEventSender sender;

    @BeforeEach
    void connect() {
        api = new FlightApi(http);
        events = TopicProbe.on(Topics.FLIGHT_EVENTS);
        sender = CloudEventSender.toTestBroker();
    }

    @AfterEach
    void everyEventPublishedMatchesItsSchema() {
        List<ReceivedEvent> all = events.poll();
        assertThat(all).isNotEmpty();
        assertThat(all).allSatisfy(e -> assertThat(e.schemaErrors()).as(e.type() + " " + e.json()).isEmpty());
        events.close();
        sender.close();
    }

    /** Posts as flight operations and expects 200. */
    void done(String path, Map<String, Object> body) {
        ResponseEntity<Map> answer = api.post(path, body, TestClient.FLIGHT_OPERATIONS);
        assertThat(answer.getStatusCode()).as(path + " " + answer.getBody()).isEqualTo(HttpStatus.OK);
    }

    /** Expects a problem response with the status, naming the field when one is given. */
    static void assertProblem(ResponseEntity<Map> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        if (field != null) {
            assertThat(response.getBody().toString()).contains(field);
        }
    }

    ReceivedEvent awaitEvent(Class<? extends Message> type, UUID subject) {
        return awaitEvents(type, subject, 1).get(0);
    }

    List<ReceivedEvent> awaitEvents(Class<? extends Message> type, UUID subject, int count) {
        return events.await(ofType(type).and(e -> e.subject().equals(subject.toString())), count, WAIT);
    }
}
