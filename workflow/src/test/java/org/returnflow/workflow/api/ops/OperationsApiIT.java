package org.returnflow.workflow.api.ops;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.contracts.ContractJson;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.detention.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.EligibilityAssessed;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.flight.SeatBooked;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.messaging.DeadLetterHeaders;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.CaseRequests;
import org.returnflow.workflow.domain.CaseSafeguards;
import org.returnflow.workflow.domain.HistoryEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations API through real HTTP with real tokens, on real PostgreSQL and Kafka: parked replies
 * listed, re-driven once their case waits, discarded with a reason (history, audit, pruning), and
 * dead letters listed and replayed with their original CloudEvents id. Misuse: no token, the wrong
 * scope, a facility-scoped client, no reason, bad replay requests, unknown ids.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "returnflow.workflow.inbox.give-up-after=1s",
        "returnflow.workflow.inbox.initial-backoff=100ms",
        "returnflow.workflow.inbox.max-backoff=200ms"})
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsApiIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestClient OPS = TestClient.OPERATORS;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseRecords cases;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    ParkedMessages parkedMessages;
    @Autowired
    CaseRequests requests;
    @Autowired
    CaseSafeguards safeguards;

    CloudEventSender detention;
    CloudEventSender flight;

    @BeforeAll
    void deployProbeAndConnect() {
        repository.createDeployment().name("ops probe").addModelInstance("ops-probe.bpmn",
                Bpmn.createExecutableProcess("ops-probe").camundaHistoryTimeToLive(1).startEvent()
                        .receiveTask("Wait_Eligibility").message("EligibilityAssessed").camundaInputParameter("stage", "INITIAL")
                        .endEvent().done()).deploy();
        String kafka = Infrastructure.get().kafkaBootstrapServers();
        detention = new CloudEventSender(kafka, "/returnflow/detention-service");
        flight = new CloudEventSender(kafka, "/returnflow/flight-service");
    }

    @AfterAll
    void disconnect() {
        detention.close();
        flight.close();
    }

    @Test
    void aParkedReplyIsListedAndReDrivenOnceItsCaseWaits() {
        UUID caseId = UUID.randomUUID();
        tx().executeWithoutResult(s -> cases.insert(caseId, UUID.randomUUID(), null, "IRN", true, "test"));
        // The case asked detention (as its process's adapter records it) ...
        UUID request = UUID.randomUUID();
        requests.sent(caseId, request, "AssessEligibility", "", "INITIAL", null);
        // ... and the answer arrives while no instance waits for it, and is parked once the give-up period passed.
        detention.send(assessed(caseId, request));
        await().atMost(WAIT).until(() -> parked(caseId) == 1);

        Map<String, Object> row = onlyRow(get("/api/ops/parked?caseId=" + caseId, OPS));
        assertThat(row).containsEntry("messageName", "EligibilityAssessed").containsEntry("reason", "NOT_AWAITED")
                .containsEntry("status", "PARKED").containsEntry("sentBy", "detention-service")
                .containsEntry("caseId", caseId.toString());
        long id = ((Number) row.get("id")).longValue();

        // The operator finds why (here: the case's instance was never started), fixes it and retries.
        tx().executeWithoutResult(s -> runtime.startProcessInstanceByKey("ops-probe", caseId.toString()));
        ResponseEntity<Map> retried = post("/api/ops/parked/" + id + "/retry", Map.of("reason", "instance started by ops"), OPS);

        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody()).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        await().atMost(WAIT).until(() -> instanceGone(caseId) && inboxRows(caseId) == 0);
        assertThat(safeguards.open(caseId)).containsExactly("ACTIVE_LEGAL_HOLD");
        assertThat(cases.history(caseId)).filteredOn(h -> h.kind().equals("PARKED_MESSAGE_RETRIED")).singleElement()
                .satisfies(h -> {
                    assertThat(h.actor()).isEqualTo(OPS.id());
                    assertThat(h.detail()).contains("EligibilityAssessed").contains("NOT_AWAITED")
                            .endsWith(": instance started by ops");
                });
        assertThat(audit("PARKED_MESSAGE_RETRIED", String.valueOf(id))).isEqualTo(OPS.id());
        assertThat(content(get("/api/ops/parked?caseId=" + caseId, OPS))).isEmpty();
    }

    @Test
    void aParkedReplyIsDiscardedOnlyWithAReasonAndPrunedAfterTheRetention() {
        UUID ended = UUID.randomUUID();
        tx().executeWithoutResult(s -> {
            cases.insert(ended, UUID.randomUUID(), null, "IRN", true, "test");
            cases.stateChanged(ended.toString(), CaseState.WITHDRAWN, "reviewer1", "reason=REVIEW_WITHDRAWN");
        });
        UUID unknown = UUID.randomUUID();
        flight.send(seatBooked(ended));
        flight.send(seatBooked(unknown));
        await().atMost(WAIT).until(() -> parked(ended) == 1 && parked(unknown) == 1);

        assertThat(content(get("/api/ops/parked?reason=UNKNOWN_CASE&size=100", OPS)))
                .extracting(r -> r.get("caseId")).contains(unknown.toString()).doesNotContain(ended.toString());
        assertThat(get("/api/ops/parked?reason=not-a-reason", OPS).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("/api/ops/parked?size=101", OPS).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        long id = ((Number) onlyRow(get("/api/ops/parked?caseId=" + ended, OPS)).get("id")).longValue();

        ResponseEntity<Map> noReason = post("/api/ops/parked/" + id + "/discard", Map.of(), OPS);
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(noReason.getBody().toString()).contains("reason");
        assertThat(post("/api/ops/parked/" + id + "/discard", Map.of("reason", "  "), OPS).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/ops/parked/" + id + "/retry", Map.of(), OPS).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status(id)).as("nothing changed by a refused request").isEqualTo("PARKED");

        ResponseEntity<Map> discarded = post("/api/ops/parked/" + id + "/discard",
                Map.of("reason", "seat was released by hand, see ticket OPS-7"), OPS);

        assertThat(discarded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(discarded.getBody()).containsEntry("status", "DISCARDED").containsEntry("reason", "CASE_ENDED")
                .containsEntry("resolvedBy", OPS.id()).containsEntry("resolution", "seat was released by hand, see ticket OPS-7");
        assertThat(cases.history(ended)).filteredOn(h -> h.kind().equals("PARKED_MESSAGE_DISCARDED")).singleElement()
                .extracting(HistoryEntry::actor).isEqualTo(OPS.id());
        assertThat(audit("PARKED_MESSAGE_DISCARDED", String.valueOf(id))).isEqualTo(OPS.id());
        assertThat(content(get("/api/ops/parked?caseId=" + ended, OPS))).isEmpty();
        assertThat(post("/api/ops/parked/" + id + "/retry", Map.of("reason", "again"), OPS).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/ops/parked/987654321/discard", Map.of("reason", "x"), OPS).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // Pruned once resolved longer ago than the retention; the history and the audit trail keep it.
        parkedMessages.pruneResolved(Duration.ofDays(30));
        assertThat(status(id)).isEqualTo("DISCARDED");
        jdbc.update("update inbox_message set resolved_at = now() - interval '31 days' where id = ?", id);
        parkedMessages.pruneResolved(Duration.ofDays(30));
        assertThat(status(id)).isNull();
        assertThat(cases.history(ended)).extracting(HistoryEntry::kind).contains("PARKED_MESSAGE_DISCARDED");
    }

    @Test
    void onlyAnUnlimitedClientWithTheOpsScopeMayOperate() {
        UUID unknown = UUID.randomUUID();
        flight.send(seatBooked(unknown));
        await().atMost(WAIT).until(() -> parked(unknown) == 1);
        long id = jdbc.queryForObject("select id from inbox_message where case_id = ?", Long.class, unknown);

        assertThat(http.exchange("/api/ops/parked", HttpMethod.GET, HttpEntity.EMPTY, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        TestClient agency = TestClient.REMOVAL_OPERATIONS;
        assertThat(get("/api/ops/parked", agency).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/ops/dead-letters", agency).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("/api/ops/parked/" + id + "/retry", Map.of("reason", "x"), agency).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("/api/ops/dead-letters/detention.events/replay", Map.of("all", true), agency).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        TestClient atOneFacility = OPS.atFacilities("LA-JENA");
        assertThat(content(get("/api/ops/parked?caseId=" + unknown, atOneFacility))).isEmpty();
        assertThat(post("/api/ops/parked/" + id + "/discard", Map.of("reason", "x"), atOneFacility).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(id)).isEqualTo("PARKED");
    }

    @Test
    void deadLettersAreListedAndReplayedWithTheirOriginalIdAndConsumersDeduplicate() throws Exception {
        String dlt = Topics.deadLetter(Topics.DETENTION_EVENTS);
        // A record the workflow's consumer cannot read at all: it dead-letters it.
        UUID poisonCase = UUID.randomUUID();
        detention.sendRaw(Topics.DETENTION_EVENTS, poisonCase.toString(), "garbage".getBytes(StandardCharsets.UTF_8));
        // A dead letter whose message was never handled (its handling failed once), and one whose message
        // was handled after all (another copy got through).
        UUID failedCase = UUID.randomUUID();
        String failedId = UUID.randomUUID().toString();
        deadLetter(dlt, failedId, assessed(failedCase));
        UUID handledCase = UUID.randomUUID();
        EligibilityAssessed handled = assessed(handledCase);
        String handledId = detention.send(handled).getId();
        await().atMost(WAIT).until(() -> inboxRowsWithId(handledId) == 1);
        deadLetter(dlt, handledId, handled);
        await().atMost(WAIT).until(() -> deadLetterIds(get("/api/ops/dead-letters?topic=" + dlt + "&size=100", OPS))
                .size() >= 3);

        List<Map<String, Object>> listed = content(get("/api/ops/dead-letters?topic=detention.events&size=100", OPS));
        assertThat(listed).anySatisfy(d -> {
            assertThat(d.get("id")).isEqualTo(failedId);
            assertThat(d.get("type")).isEqualTo("returnflow.detention.EligibilityAssessed.v1");
            assertThat(d.get("subject")).isEqualTo(failedCase.toString());
            assertThat(d.get("errorMessage")).isEqualTo("could not open a connection");
            assertThat(d.get("replayed")).isEqualTo(false);
        });
        assertThat(listed).anySatisfy(d -> {
            assertThat(d.get("id")).isNull();
            assertThat(d.get("errorClass")).isEqualTo("org.returnflow.platform.messaging.PoisonMessageException");
            assertThat(d.get("failureKind")).isEqualTo("PERMANENT");
            assertThat(d.get("consumerGroup")).isEqualTo("workflow");
        });
        assertThat(content(get("/api/ops/dead-letters?size=100", OPS))).hasSizeGreaterThanOrEqualTo(listed.size());
        assertThat(get("/api/ops/dead-letters?topic=no.such.topic", OPS).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // Misuse replays nothing.
        String replay = "/api/ops/dead-letters/detention.events/replay";
        ResponseEntity<Map> neither = post(replay, Map.of(), OPS);
        assertThat(neither.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(neither.getBody().toString()).contains("ids");
        assertThat(post(replay, Map.of("ids", List.of(failedId), "all", true), OPS).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/ops/dead-letters/no.such.topic/replay", Map.of("all", true), OPS).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map> unknownId = post(replay, Map.of("ids", List.of(failedId, "no-such-id")), OPS);
        assertThat(unknownId.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownId.getBody().toString()).contains("no-such-id");
        assertThat(content(get("/api/ops/dead-letters?topic=detention.events&size=100", OPS)))
                .noneMatch(d -> Boolean.TRUE.equals(d.get("replayed")));

        ResponseEntity<Map> all = post(replay, Map.of("all", true), OPS);

        assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) all.getBody().get("replayed")).extracting(r -> r.get("id"))
                .contains(failedId, handledId);
        assertThat((List<Map<String, Object>>) all.getBody().get("skipped"))
                .anySatisfy(s -> assertThat((String) s.get("reason")).contains("not a CloudEvent"));
        // The failed one is handled now (its case is unknown, so it is parked under its own id) ...
        await().atMost(WAIT).until(() -> inboxRowsWithId(failedId) == 1);
        // ... and the one handled before is skipped: once the later record on its partition is handled, it was too.
        detention.send(assessed(handledCase));
        await().atMost(WAIT).until(() -> inboxRows(handledCase) == 2);
        assertThat(inboxRowsWithId(handledId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_message where message_id = ?", Long.class,
                handledId)).isEqualTo(1);
        assertThat(content(get("/api/ops/dead-letters?topic=detention.events&size=100", OPS)))
                .filteredOn(d -> failedId.equals(d.get("id"))).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("replayed", true).containsEntry("replayedBy", OPS.id()));
        assertThat(audit("DEAD_LETTERS_REPLAYED", dlt)).isEqualTo(OPS.id());
    }

    // ----

    private TransactionTemplate tx() {
        return new TransactionTemplate(transactionManager);
    }

    private ResponseEntity<Map> get(String path, TestClient client) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(client.headers()), Map.class);
    }

    private ResponseEntity<Map> post(String path, Object body, TestClient client) {
        HttpHeaders headers = client.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return (List<Map<String, Object>>) response.getBody().get("content");
    }

    private static Map<String, Object> onlyRow(ResponseEntity<Map> response) {
        List<Map<String, Object>> rows = content(response);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<Object> deadLetterIds(ResponseEntity<Map> response) {
        return content(response).stream().map(d -> d.get("position")).toList();
    }

    private long parked(UUID caseId) {
        return jdbc.queryForObject("select count(*) from inbox_message where case_id = ? and status = 'PARKED'",
                Long.class, caseId);
    }

    private long inboxRows(UUID caseId) {
        return jdbc.queryForObject("select count(*) from inbox_message where case_id = ?", Long.class, caseId);
    }

    private long inboxRowsWithId(String messageId) {
        return jdbc.queryForObject("select count(*) from inbox_message where message_id = ?", Long.class, messageId);
    }

    private String status(long id) {
        return jdbc.queryForList("select status from inbox_message where id = ?", String.class, id).stream()
                .findFirst().orElse(null);
    }

    private boolean instanceGone(UUID caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId.toString()).count() == 0;
    }

    private String audit(String action, String subjectId) {
        return jdbc.queryForObject("select principal from audit_entry where action = ? and subject_id = ? "
                + "order by id desc limit 1", String.class, action, subjectId);
    }

    /** A dead letter as the platform's consumer writes it: the CloudEvent's headers plus the failure. */
    private static void deadLetter(String dlt, String id, EligibilityAssessed message) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/returnflow/detention-service",
                        "ce_type", "returnflow.detention.EligibilityAssessed.v1", "ce_subject", message.caseId().toString(),
                        "content-type", "application/json")
                .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        Map.of(DeadLetterHeaders.ORIGINAL_TOPIC, Topics.DETENTION_EVENTS,
                        DeadLetterHeaders.EXCEPTION_CAUSE_CLASS, "java.lang.IllegalStateException",
                        DeadLetterHeaders.EXCEPTION_MESSAGE, "could not open a connection",
                        DeadLetterHeaders.FAILURE_KIND, "UNKNOWN", DeadLetterHeaders.FAILED_AT, Instant.now().toString())
                .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(dlt, null, message.caseId().toString(), ContractJson.toBytes(message),
                    headers)).get(30, TimeUnit.SECONDS);
        }
    }

    private static EligibilityAssessed assessed(UUID caseId) {
        return assessed(caseId, UUID.randomUUID());
    }

    private static EligibilityAssessed assessed(UUID caseId, UUID request) {
        return new EligibilityAssessed(caseId, UUID.randomUUID(), "IRN", LocalDate.parse("2026-12-05"),
                EligibilityStage.INITIAL, false,
                List.of(new Blocker(BlockerCode.ACTIVE_LEGAL_HOLD, UUID.randomUUID())), request);
    }

    private static SeatBooked seatBooked(UUID caseId) {
        return new SeatBooked(caseId, UUID.randomUUID(), "RF101", "12A", Instant.parse("2026-12-05T08:00:00Z"), "AEX",
                List.of("DOH"), "IKA", UUID.randomUUID());
    }
}
