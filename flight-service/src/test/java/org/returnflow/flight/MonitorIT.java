package org.returnflow.flight;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.flight.BookSeat;
import org.returnflow.contracts.flight.MonitorAssigned;
import org.returnflow.contracts.flight.MonitorUnassigned;
import org.returnflow.contracts.flight.MonitoringFindingReported;
import org.returnflow.contracts.flight.SeatBooked;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An independent monitor on a charter (flights to Nepal, which no other test books), over real HTTP
 * with real tokens on real PostgreSQL and Kafka: it reads only the flight it is assigned to, sees no
 * nationality without monitor:identify, files append-only reports whose SERIOUS findings are
 * published with codes only, and the flight does not depart before the monitor boarded.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.messaging.relay.poll-interval=100ms")
class MonitorIT extends FlightServiceITSupport {

    static final TestClient MONITOR = TestClient.RETURN_MONITOR;
    static final TestClient IDENTIFYING_MONITOR = MONITOR.withScopes("flights:monitor", "monitor:identify");

    @Test
    void aMonitorReadsOnlyItsFlightFilesReportsAndTheFlightWaitsForIt() {
        UUID flightId = api.schedule("RF901", "KTM", "NPL", 30, 20, 2);
        UUID other = api.schedule("RF902", "KTM", "NPL", 31, 20, 2);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        sender.send(new BookSeat(first, "NPL", Instant.now(), null, "NPL"));
        sender.send(new BookSeat(second, "NPL", Instant.now(), null, "NPL"));
        List.of(first, second).forEach(c -> awaitEvent(SeatBooked.class, c));
        String flight = "/api/flights/" + flightId;
        String manifest = flight + "/manifest?purpose=return-monitoring";

        // Not assigned yet: the flight does not exist for the monitor.
        assertThat(api.get(manifest, MONITOR).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<Map> assigned = api.post(flight + "/monitors", Map.of("monitorId", MONITOR.id()),
                TestClient.FLIGHT_OPERATIONS);
        assertThat(assigned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(assigned.getBody()).containsEntry("monitorId", "return-monitor")
                .containsEntry("assignedBy", "flight-operations");
        assertThat(api.post(flight + "/monitors", Map.of("monitorId", MONITOR.id()), TestClient.FLIGHT_OPERATIONS)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ReceivedEvent assignment = awaitEvent(MonitorAssigned.class, flightId);
        assertThat(assignment.key()).isEqualTo(flightId.toString());
        assertThat(assignment.data(MonitorAssigned.class).monitorId()).isEqualTo("return-monitor");
        assertThat(outbox(MonitorAssigned.class)).isEqualTo(1);

        // The manifest of its flight: ids, seats, states and times; the nationality only with monitor:identify.
        ResponseEntity<Map> read = api.get(manifest, MONITOR);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> active = (List<Map<String, Object>>) read.getBody().get("active");
        assertThat(active).extracting(e -> e.get("caseId")).containsExactlyInAnyOrder(first.toString(),
                second.toString());
        assertThat(active).allSatisfy(e -> assertThat(e.get("nationality")).isNull());
        assertThat(api.get(flight + "/manifest", MONITOR).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, Object>> identified = (List<Map<String, Object>>) api.get(manifest, IDENTIFYING_MONITOR)
                .getBody().get("active");
        assertThat(identified).allSatisfy(e -> assertThat(e).containsEntry("nationality", "NPL"));
        assertThat(jdbc.queryForList("select purpose from audit_entry where principal = 'return-monitor' "
                + "and action = 'PARTNER_READ' and subject_id = ?", String.class, flightId.toString()))
                .containsOnly("return-monitoring");

        // Another flight, even to the same country, does not exist for it; nor does the list of flights.
        assertThat(api.get("/api/flights/" + other + "/manifest?purpose=x", MONITOR).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/flights/" + other, MONITOR).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/flights/" + other + "/monitoring-reports", MONITOR).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.post("/api/flights/" + other + "/monitoring-reports", Map.of("findings", List.of(
                finding(first, "LATE", "INFO", null))), MONITOR).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/flights?destinationCountry=NPL", MONITOR).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("/api/flights/" + flightId, MONITOR).getBody()).containsEntry("flightNumber", "RF901");

        // A report: a finding about a case that never held a seat here is refused whole.
        ResponseEntity<Map> stranger = api.post(flight + "/monitoring-reports", Map.of("findings", List.of(
                finding(first, "LATE", "INFO", null), finding(UUID.randomUUID(), "LATE", "INFO", null))), MONITOR);
        assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(stranger.getBody().toString()).contains("findings[1].caseId");
        assertThat(jdbc.queryForObject("select count(*) from monitoring_report", Long.class)).isZero();

        ResponseEntity<Map> filed = api.post(flight + "/monitoring-reports", Map.of("findings", List.of(
                finding(first, "RESTRAINT_DISPROPORTIONATE", "SERIOUS", "Wrist restraints kept on during meal"),
                finding(second, "INTERPRETER_PRESENT", "INFO", null))), MONITOR);
        assertThat(filed.getStatusCode()).as(String.valueOf(filed.getBody())).isEqualTo(HttpStatus.CREATED);
        UUID reportId = UUID.fromString((String) filed.getBody().get("reportId"));
        List<Map<String, Object>> findings = (List<Map<String, Object>>) filed.getBody().get("findings");
        assertThat(findings).hasSize(2);

        ReceivedEvent serious = awaitEvent(MonitoringFindingReported.class, first);
        assertThat(serious.key()).isEqualTo(first.toString());
        assertThat(serious.data(MonitoringFindingReported.class)).isEqualTo(new MonitoringFindingReported(first,
                flightId, reportId, UUID.fromString((String) findings.get(0).get("findingId")), "return-monitor",
                "RESTRAINT_DISPROPORTIONATE", "SERIOUS", serious.data(MonitoringFindingReported.class).reportedAt()));
        assertThat(serious.json()).doesNotContain("Wrist").doesNotContain("meal");
        assertThat(outbox(MonitoringFindingReported.class)).isEqualTo(1);

        // The agency reads every report, the monitor its own; nobody changes one, not even in the database.
        assertThat((List<?>) api.get(flight + "/monitoring-reports", TestClient.FLIGHT_OPERATIONS).getBody()
                .get("content")).hasSize(1);
        assertThat((List<?>) api.get(flight + "/monitoring-reports", MONITOR).getBody().get("content")).hasSize(1);
        assertThat(api.get(flight + "/monitoring-reports", TestClient.FLIGHT_OPERATIONS).getBody().toString())
                .contains("Wrist restraints");
        assertThat(api.get(flight + "/monitoring-reports", TestClient.PARTNER_MONITOR).getBody().toString())
                .contains("RESTRAINT_DISPROPORTIONATE").doesNotContain("Wrist");
        assertThatThrownBy(() -> jdbc.update("update monitoring_finding set severity = 'INFO'"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from monitoring_report")).rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("truncate monitoring_finding")).rootCause()
                .hasMessageContaining("append-only");

        // The flight does not leave before its monitor boarded.
        api.authoriseTransit(flightId);
        done(flight + "/lock-manifest", Map.of());
        done(flight + "/manifest/" + first + "/board", Map.of());
        ResponseEntity<Map> early = api.post(flight + "/depart", Map.of(), TestClient.FLIGHT_OPERATIONS);
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) early.getBody().get("detail")).contains("return-monitor");
        assertThat(api.flight(flightId)).containsEntry("status", "MANIFEST_LOCKED");
        assertThat(api.post(flight + "/monitors/return-monitor/board", Map.of(), MONITOR).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        done(flight + "/monitors/return-monitor/board", Map.of());
        done(flight + "/depart", Map.of());

        // Unassigned, the monitor reads nothing more of the flight.
        done(flight + "/monitors/return-monitor/unassign", Map.of("reason", "MISSION_ENDED"));
        assertThat(awaitEvent(MonitorUnassigned.class, flightId).data(MonitorUnassigned.class).monitorId())
                .isEqualTo("return-monitor");
        assertThat(api.get(manifest, MONITOR).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get(flight + "/monitors", TestClient.FLIGHT_OPERATIONS).getBody().get("content").toString())
                .contains("MISSION_ENDED");
    }

    private static Map<String, Object> finding(UUID caseId, String code, String severity, String description) {
        return description == null ? Map.of("caseId", caseId.toString(), "code", code, "severity", severity)
                : Map.of("caseId", caseId.toString(), "code", code, "severity", severity, "description", description);
    }

    private long outbox(Class<?> type) {
        return jdbc.queryForObject("select count(*) from outbox_message where type like ?", Long.class,
                "%." + type.getSimpleName() + ".v1");
    }
}
