package org.returnflow.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.MessageCatalog;
import org.returnflow.contracts.Topics;
import org.returnflow.contracts.consent.ConsentExpired;
import org.returnflow.contracts.consent.ConsentGiven;
import org.returnflow.contracts.consent.ConsentRequested;
import org.returnflow.contracts.consent.ConsentWithdrawn;
import org.returnflow.contracts.consent.RequestConsent;
import org.returnflow.contracts.flight.PassengerBoarded;
import org.returnflow.testkit.CloudEventSender;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TestClient;
import org.returnflow.testkit.TopicProbe;
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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The consent-service on real PostgreSQL and Kafka, driven as the workflow and the consent
 * officers drive it: RequestConsent on consent.commands, decisions and withdrawals over HTTP
 * with real signed tokens, PassengerBoarded on flight.events, and every event read back from
 * consent.events the way a partner reads it.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.consent.expiry-check-interval=1s")
class ConsentFlowIT {

    static final String EVIDENCE = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REQUESTED = MessageCatalog.byClass(ConsentRequested.class).type();
    static final String GIVEN = MessageCatalog.byClass(ConsentGiven.class).type();
    static final String WITHDRAWN = MessageCatalog.byClass(ConsentWithdrawn.class).type();
    static final String EXPIRED = MessageCatalog.byClass(ConsentExpired.class).type();

    static CloudEventSender sender;
    static TopicProbe events;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void connect() {
        sender = CloudEventSender.toTestBroker();
    }

    /** The probe starts once the service has declared its topics, so it never creates one itself. */
    @BeforeEach
    void probe() {
        if (events == null) {
            events = TopicProbe.on(Topics.CONSENT_EVENTS);
        }
    }

    @AfterAll
    static void disconnect() {
        sender.close();
        if (events != null) {
            events.close();
        }
    }

    @Test
    void aCommandLeadsToARequestADecisionAndConsentGiven() {
        UUID caseId = UUID.randomUUID();
        UUID detaineeId = UUID.randomUUID();
        LocalDate detainedSince = LocalDate.now(ZoneOffset.UTC).minusDays(200);
        UUID requestId = UUID.fromString(sender.send(new RequestConsent(caseId, detaineeId, "fa", detainedSince,
                Instant.now().plus(7, ChronoUnit.DAYS))).getId());

        ConsentRequested requested = events.awaitOne(REQUESTED, caseId.toString(), WAIT).data(ConsentRequested.class);
        assertThat(requested.detaineeId()).isEqualTo(detaineeId);
        assertThat(requested.preferredLanguage()).isEqualTo("fa");
        UUID consentId = requested.consentId();

        JsonNode listed = body(get("/api/consents?caseId=" + caseId, TestClient.CONSENT_OFFICERS));
        assertThat(listed.at("/totalElements").asInt()).isEqualTo(1);
        assertThat(listed.at("/content/0/id").asText()).isEqualTo(consentId.toString());
        assertThat(listed.at("/content/0/status").asText()).isEqualTo("PENDING");

        // English to a Persian speaker, with no interpreter: refused, and nothing recorded.
        ResponseEntity<String> refused = post("/api/consents/" + consentId + "/decision", Map.of(
                "decision", "GIVEN", "officer", "officer-4711", "language", "en", "evidenceSha256", EVIDENCE));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json(refused).at("/errors/0/field").asText()).isEqualTo("interpreter");
        assertThat(json(refused).at("/detail").asText()).contains("interpreter", "fa");
        assertThat(body(get("/api/consents/" + consentId, TestClient.CONSENT_OFFICERS)).at("/status").asText())
                .isEqualTo("PENDING");

        ResponseEntity<String> recorded = post("/api/consents/" + consentId + "/decision", Map.of(
                "decision", "GIVEN", "officer", "officer-4711", "language", "en", "interpreter", "interpreter-0815",
                "evidenceSha256", EVIDENCE));
        assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = json(recorded);
        assertThat(view.at("/status").asText()).isEqualTo("GIVEN");
        assertThat(view.at("/reviewRequired").asBoolean()).isTrue();

        ConsentGiven given = events.awaitOne(GIVEN, caseId.toString(), WAIT).data(ConsentGiven.class);
        assertThat(given.consentId()).isEqualTo(consentId);
        assertThat(given.officer()).isEqualTo("officer-4711");
        assertThat(given.language()).isEqualTo("en");
        assertThat(given.interpreter()).isEqualTo("interpreter-0815");
        assertThat(given.evidenceSha256()).isEqualTo(EVIDENCE);
        assertThat(given.daysInDetention()).isEqualTo(200);
        assertThat(given.reviewRequired()).isTrue();

        // A second decision does not replace the first.
        ResponseEntity<String> second = post("/api/consents/" + consentId + "/decision",
                Map.of("decision", "DECLINED", "officer", "officer-9"));
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // The history names who captured the decision, and the audit names the authenticated client.
        JsonNode history = body(get("/api/consents?detaineeId=" + detaineeId, TestClient.CONSENT_OFFICERS))
                .at("/content/0/history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).at("/event").asText()).isEqualTo("REQUESTED");
        assertThat(history.get(1).at("/event").asText()).isEqualTo("GIVEN");
        assertThat(history.get(1).at("/officer").asText()).isEqualTo("officer-4711");
        assertThat(history.get(1).at("/interpreter").asText()).isEqualTo("interpreter-0815");
        assertThat(history.get(1).at("/recordedBy").asText()).isEqualTo("consent-officers");
        // The principal is the verified client; the officer the client names is kept beside it, never as principal.
        assertThat(jdbc.queryForList("select principal || ' ' || on_behalf_of from audit_entry "
                + "where subject_id = ? and action = ?", String.class, consentId.toString(), "CONSENT_GIVEN"))
                .containsExactly("consent-officers officer-4711");
        // The list read above is audited too, one entry per request returned.
        assertThat(jdbc.queryForList("select principal from audit_entry where subject_id = ? and action = 'READ'",
                String.class, consentId.toString())).contains("consent-officers");
        assertPublishedEventsAreValid();
    }

    @Test
    void aDuplicatedCommandAndASecondRequestForTheCaseGiveOneRequest() {
        UUID caseId = UUID.randomUUID();
        RequestConsent command = new RequestConsent(caseId, UUID.randomUUID(), "fa-IR",
                LocalDate.now(ZoneOffset.UTC).minusDays(30), Instant.now().plus(7, ChronoUnit.DAYS));
        String commandId = UUID.randomUUID().toString();
        sender.send(command, commandId);
        sender.send(command, commandId);
        CloudEvent again = sender.send(command);

        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from processed_message where message_id in (?, ?)", Integer.class,
                commandId, again.getId()) == 2);

        JsonNode listed = body(get("/api/consents?caseId=" + caseId, TestClient.CONSENT_OFFICERS));
        assertThat(listed.at("/totalElements").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where subject = ? and type = ?",
                Integer.class, caseId.toString(), REQUESTED)).isEqualTo(1);
        assertThat(events.settle(e -> e.type().equals(REQUESTED) && e.subject().equals(caseId.toString()),
                Duration.ofSeconds(2))).hasSize(1);
        assertPublishedEventsAreValid();
    }

    @Test
    void askingAgainWhileConsentStandsAnswersWithTheSameConsentGiven() {
        UUID caseId = UUID.randomUUID();
        UUID consentId = requestAndGive(caseId);
        ConsentGiven first = events.awaitOne(GIVEN, caseId.toString(), WAIT).data(ConsentGiven.class);

        // The case asks again, e.g. after its flight was cancelled and it goes round once more.
        UUID askedAgain = UUID.fromString(sender.send(new RequestConsent(caseId, first.detaineeId(), "fa",
                LocalDate.now(ZoneOffset.UTC).minusDays(30), Instant.now().plus(7, ChronoUnit.DAYS))).getId());

        List<ReceivedEvent> answers = events.await(e -> e.type().equals(GIVEN) && e.subject().equals(caseId.toString()),
                2, WAIT);
        assertThat(answers.get(1).id()).isNotEqualTo(answers.get(0).id());
        // The same consent, now answering the newest request, so the case's new wait takes it.
        ConsentGiven again = answers.get(1).data(ConsentGiven.class);
        assertThat(again.requestId()).isEqualTo(askedAgain).isNotEqualTo(first.requestId());
        assertThat(new ConsentGiven(again.caseId(), again.consentId(), again.detaineeId(), again.officer(),
                again.language(), again.interpreter(), again.evidenceSha256(), again.capturedAt(),
                again.daysInDetention(), again.reviewRequired(), first.requestId())).isEqualTo(first);
        assertThat(body(get("/api/consents?caseId=" + caseId, TestClient.CONSENT_OFFICERS))
                .at("/totalElements").asInt()).isEqualTo(1);
        assertThat(consentId).isEqualTo(first.consentId());
        assertPublishedEventsAreValid();
    }

    @Test
    void consentIsWithdrawnUntilBoardingAndRefusedAfter() {
        UUID stays = UUID.randomUUID();
        UUID boards = UUID.randomUUID();
        UUID staysConsent = requestAndGive(stays);
        UUID boardsConsent = requestAndGive(boards);

        ResponseEntity<String> withdrawn = post("/api/consents/" + staysConsent + "/withdrawal",
                Map.of("reason", "wants to wait for the appeal"));
        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(withdrawn).at("/status").asText()).isEqualTo("WITHDRAWN");
        assertThat(events.awaitOne(WITHDRAWN, stays.toString(), WAIT).data(ConsentWithdrawn.class).consentId())
                .isEqualTo(staysConsent);

        sender.send(new PassengerBoarded(boards, UUID.randomUUID(), Instant.now()));
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from boarded_case where case_id = ?", Integer.class, boards) == 1);

        ResponseEntity<String> refused = post("/api/consents/" + boardsConsent + "/withdrawal",
                Map.of("reason", "changed their mind on the plane"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(json(refused).at("/detail").asText()).contains("boarded");
        assertThat(body(get("/api/consents/" + boardsConsent, TestClient.CONSENT_OFFICERS)).at("/status").asText())
                .isEqualTo("GIVEN");
        assertThat(events.settle(e -> e.type().equals(WITHDRAWN) && e.subject().equals(boards.toString()),
                Duration.ofSeconds(1))).isEmpty();
        assertPublishedEventsAreValid();
    }

    @Test
    void aRequestPastItsDueByExpires() {
        UUID caseId = UUID.randomUUID();
        sender.send(new RequestConsent(caseId, UUID.randomUUID(), "fa", LocalDate.now(ZoneOffset.UTC).minusDays(10),
                Instant.now().plusSeconds(2)));
        UUID consentId = events.awaitOne(REQUESTED, caseId.toString(), WAIT).data(ConsentRequested.class).consentId();

        ConsentExpired expired = events.awaitOne(EXPIRED, caseId.toString(), WAIT).data(ConsentExpired.class);
        assertThat(expired.consentId()).isEqualTo(consentId);

        JsonNode view = body(get("/api/consents/" + consentId, TestClient.CONSENT_OFFICERS));
        assertThat(view.at("/status").asText()).isEqualTo("EXPIRED");
        assertThat(view.at("/history/1/event").asText()).isEqualTo("EXPIRED");
        assertThat(post("/api/consents/" + consentId + "/decision", Map.of("decision", "GIVEN",
                "officer", "officer-4711", "language", "fa", "evidenceSha256", EVIDENCE)).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertPublishedEventsAreValid();
    }

    @Test
    void aPartnerReadsOnlyWithAPurposeAndIsAudited() {
        UUID caseId = UUID.randomUUID();
        sender.send(new RequestConsent(caseId, UUID.randomUUID(), "fa", LocalDate.now(ZoneOffset.UTC).minusDays(10),
                Instant.now().plus(7, ChronoUnit.DAYS)));
        UUID consentId = events.awaitOne(REQUESTED, caseId.toString(), WAIT).data(ConsentRequested.class).consentId();

        assertThat(get("/api/consents?caseId=" + caseId, TestClient.PARTNER_MONITOR).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("/api/consents?caseId=" + caseId + "&purpose=return-monitoring", TestClient.PARTNER_MONITOR)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForList("select principal || ' ' || purpose from audit_entry "
                        + "where subject_id = ? and action = 'PARTNER_READ'", String.class, consentId.toString()))
                .containsExactly("partner-monitor return-monitoring");
        // The detention agency's token is meant for the detention service only (aud): refused before any scope check.
        assertThat(get("/api/consents?caseId=" + caseId, TestClient.DETENTION_AGENCY).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/api/consents?caseId=" + caseId, TestClient.CONSENT_OFFICERS.withScopes("consent:decide"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    /**
     * Object level, failing closed: the person is held at LA-PINE. A client of LA-JENA, and a token
     * without the facilities claim, neither read nor list nor decide the request (404, as for an
     * unknown one, and nothing recorded); a client of LA-PINE does.
     */
    @Test
    void aClientOfAnotherFacilityCannotReadOrDecideThePersonsConsent() {
        UUID caseId = UUID.randomUUID();
        sender.send(new RequestConsent(caseId, UUID.randomUUID(), "fa", LocalDate.now(ZoneOffset.UTC).minusDays(10),
                Instant.now().plus(7, ChronoUnit.DAYS), "LA-PINE"));
        UUID consentId = events.awaitOne(REQUESTED, caseId.toString(), WAIT).data(ConsentRequested.class).consentId();
        Map<String, String> given = Map.of("decision", "GIVEN", "officer", "officer-4711", "language", "fa",
                "evidenceSha256", EVIDENCE);

        for (TestClient outsider : List.of(TestClient.CONSENT_OFFICERS.atFacilities("LA-JENA"),
                TestClient.CONSENT_OFFICERS.withoutFacilities())) {
            assertThat(get("/api/consents/" + consentId, outsider).getStatusCode()).as("%s", outsider.facilities())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            JsonNode listed = body(get("/api/consents?caseId=" + caseId, outsider));
            assertThat(listed.at("/totalElements").asInt()).as("%s", outsider.facilities()).isZero();
            assertThat(listed.at("/content")).isEmpty();
            ResponseEntity<String> decided = post("/api/consents/" + consentId + "/decision", given, outsider);
            assertThat(decided.getStatusCode()).as("%s", outsider.facilities()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(decided.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(post("/api/consents/" + consentId + "/withdrawal", Map.of("reason", "changed their mind"),
                    outsider).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(jdbc.queryForObject("select status from consent_request where id = ?", String.class, consentId))
                .isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select count(*) from consent_decision where consent_id = ?", Integer.class,
                consentId)).isZero();

        TestClient pine = TestClient.CONSENT_OFFICERS.atFacilities("LA-PINE");
        assertThat(body(get("/api/consents?caseId=" + caseId, pine)).at("/totalElements").asInt()).isEqualTo(1);
        assertThat(post("/api/consents/" + consentId + "/decision", given, pine).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theDatabaseRefusesToRewriteHistoryOrToRecordConsentThatCouldNotBeUnderstood() {
        UUID caseId = UUID.randomUUID();
        UUID consentId = requestAndGive(caseId);

        assertThatThrownBy(() -> jdbc.update("update consent_decision set officer = 'someone-else' where consent_id = ?",
                consentId)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from consent_decision where consent_id = ?", consentId))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update consent_request set status = 'PENDING' where id = ?", consentId))
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> jdbc.update("delete from consent_request where id = ?", consentId))
                .hasMessageContaining("never deleted");

        UUID other = UUID.randomUUID();
        sender.send(new RequestConsent(other, UUID.randomUUID(), "fa", LocalDate.now(ZoneOffset.UTC).minusDays(5),
                Instant.now().plus(7, ChronoUnit.DAYS)));
        UUID pending = events.awaitOne(REQUESTED, other.toString(), WAIT).data(ConsentRequested.class).consentId();
        assertThatThrownBy(() -> jdbc.update("insert into consent_decision (id, consent_id, decision, officer, language, "
                + "evidence_sha256, days_in_detention, review_required, decided_at, recorded_by) "
                + "values (gen_random_uuid(), ?, 'GIVEN', 'officer-4711', 'en', ?, 5, false, now(), 'sql')",
                pending, EVIDENCE)).hasMessageContaining("names no interpreter");
        assertThatThrownBy(() -> jdbc.update("insert into consent_withdrawal (id, consent_id, reason, withdrawn_at, "
                + "recorded_by) values (gen_random_uuid(), ?, 'no consent yet', now(), 'sql')", pending))
                .hasMessageContaining("no consent given");
        assertThat(body(get("/api/consents/" + pending, TestClient.CONSENT_OFFICERS)).at("/history")).hasSize(1);
    }

    /** The command-line tool the README gives for trying the service by hand sends a valid command. */
    // --- helpers -----------------------------------------------------------------------------

    UUID requestAndGive(UUID caseId) {
        sender.send(new RequestConsent(caseId, UUID.randomUUID(), "fa", LocalDate.now(ZoneOffset.UTC).minusDays(40),
                Instant.now().plus(7, ChronoUnit.DAYS)));
        UUID consentId = events.awaitOne(REQUESTED, caseId.toString(), WAIT).data(ConsentRequested.class).consentId();
        assertThat(post("/api/consents/" + consentId + "/decision", Map.of("decision", "GIVEN",
                "officer", "officer-4711", "language", "fa", "evidenceSha256", EVIDENCE)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        events.awaitOne(GIVEN, caseId.toString(), WAIT);
        return consentId;
    }

    /** Everything the service published so far passes its contract schema. */
    void assertPublishedEventsAreValid() {
        List<ReceivedEvent> published = events.poll();
        assertThat(published).isNotEmpty();
        for (ReceivedEvent event : published) {
            assertThat(event.schemaErrors()).as(event.type() + " " + event.json()).isEmpty();
            assertThat(event.key()).isEqualTo(event.subject());
        }
    }

    ResponseEntity<String> get(String path, TestClient client) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(client.headers()), String.class);
    }

    ResponseEntity<String> post(String path, Map<String, String> body) {
        return post(path, body, TestClient.CONSENT_OFFICERS);
    }

    ResponseEntity<String> post(String path, Map<String, String> body, TestClient client) {
        HttpHeaders headers = client.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    JsonNode body(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json(response);
    }

    static JsonNode json(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
