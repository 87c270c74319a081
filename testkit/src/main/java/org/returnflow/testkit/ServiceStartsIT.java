package org.returnflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Returnflow service must do on real infrastructure: start, report UP, migrate the
 * platform tables, declare every topic with its dead-letter topic, publish an OpenAPI document
 * that states its security and problem responses, and answer unknown paths with a problem
 * response. A service's test extends this class.
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

    /**
     * The document states the bearer-token scheme, the scopes and problem responses of every
     * {@code /api} operation, and a summary for each. It is written to
     * {@code target/openapi.json}, which {@code .ci/run} lints with Redocly.
     */
    @Test
    void publishesItsOpenApiDocument() throws Exception {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        Path out = Path.of(System.getProperty("basedir", "."), "target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, docs.getBody());

        JsonNode doc = new ObjectMapper().readTree(docs.getBody());
        JsonNode flow = doc.at("/components/securitySchemes/bearerJwt/flows/clientCredentials");
        assertThat(doc.at("/components/securitySchemes/bearerJwt/type").asText()).isEqualTo("oauth2");
        assertThat(flow.path("tokenUrl").asText()).endsWith("/oauth2/token");
        List<String> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode operation = op.getValue();
            operations.add(name);
            assertThat(operation.path("summary").asText()).as("summary of %s", name).isNotBlank();
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            assertThat(operation.path("security")).as("security of %s", name).isNotEmpty();
            operation.path("security").forEach(requirement -> assertThat(requirement.path("bearerJwt"))
                    .as("%s needs a scope that returnflow.openapi.scopes names", name).isNotEmpty()
                    .allSatisfy(scope -> assertThat(flow.path("scopes").has(scope.asText())).isTrue()));
            assertThat(operation.path("responses").has("401")).as("401 of %s", name).isTrue();
            assertThat(operation.path("responses").has("403")).as("403 of %s", name).isTrue();
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4")) {
                    JsonNode body = response.getValue().has("$ref")
                            ? doc.at(response.getValue().path("$ref").asText().substring(1)) : response.getValue();
                    assertThat(body.at("/content/application~1problem+json/schema/$ref").asText())
                            .as("%s of %s", response.getKey(), name).isEqualTo("#/components/schemas/Problem");
                }
            });
        }));
        assertThat(operations).as("operations of the document").isNotEmpty();
        assertThat(doc.at("/components/schemas/Problem/properties/errors/items/$ref").asText())
                .isEqualTo("#/components/schemas/ProblemField");
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
