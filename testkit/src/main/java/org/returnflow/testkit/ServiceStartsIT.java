package org.returnflow.testkit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.returnflow.contracts.Topics;
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

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Returnflow service must do on real infrastructure: start, report UP, migrate the
 * platform tables, declare every topic with its dead-letter topic, publish its OpenAPI document
 * and answer unknown paths with a problem response. A service's test extends this class.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceStartsIT {

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcTemplate jdbc;
    @org.springframework.beans.factory.annotation.Value("${spring.application.name}")
    protected String applicationName;

    @Test
    void reportsHealthUp() {
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
    }

    @Test
    void hasMigratedThePlatformTables() {
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'",
                String.class)).contains("outbox_message", "processed_message", "flyway_schema_history",
                "platform_schema_history");
    }

    @Test
    void declaresEveryTopicAndItsDeadLetterTopic() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafkaBootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String topic : Topics.all()) {
                assertThat(names).contains(topic, Topics.deadLetter(topic));
            }
        }
    }

    @Test
    void publishesItsOpenApiDocument() {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("\"openapi\"");
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        ResponseEntity<String> response = http.exchange("/no-such-thing", HttpMethod.GET,
                new HttpEntity<>(TestClient.DEV.headers()), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesApiCallsWithoutATokenWithA401Problem() {
        ResponseEntity<String> response = http.getForEntity("/api/anything", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("\"status\":401");
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        HttpHeaders forged = new HttpHeaders();
        forged.setBearerAuth("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl");
        ResponseEntity<String> response = http.exchange("/api/anything", HttpMethod.GET, new HttpEntity<>(forged),
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** A real token of a client whose scopes reach other services only: its audience does not name this one. */
    @Test
    void refusesATokenMeantForAnotherServiceWithA401Problem() {
        TestClient elsewhere = java.util.stream.Stream.of(TestClient.DETENTION_AGENCY, TestClient.CONSENT_OFFICERS)
                .filter(c -> !c.audience().contains(applicationName)).findFirst().orElseThrow();
        ResponseEntity<String> response = http.exchange("/api/anything", HttpMethod.GET,
                new HttpEntity<>(elsewhere.headers()), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("audience (aud)");
    }

    @Test
    void opensOnlyHealthOnActuatorToAnonymousCallers() {
        // Spring Boot tests switch metrics export off, so info stands in for prometheus here.
        assertThat(http.getForEntity("/actuator/info", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.exchange("/actuator/info", HttpMethod.GET, new HttpEntity<>(TestClient.DEV.headers()),
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
