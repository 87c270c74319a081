package org.returnflow.workflow;

import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls an IT makes as an agency (a client's bearer token) and as a Camunda user (basic
 * authentication on the engine's REST API), over real HTTP.
 */
record CaseApiCalls(TestRestTemplate http, TestClient client) {

    ResponseEntity<Map> post(String path, Object body) {
        HttpHeaders headers = client.headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    /** A GET that must answer 200. */
    Map<String, Object> get(String path) {
        ResponseEntity<Map> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(client.headers()), Map.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    Map<String, Object> getCase(UUID caseId) {
        return get("/api/removal-cases/" + caseId);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history(UUID caseId) {
        return (List<Map<String, Object>>) getCase(caseId).get("history");
    }

    List<Map<String, Object>> history(UUID caseId, String kind) {
        return history(caseId).stream().filter(h -> kind.equals(h.get("kind"))).toList();
    }

    /** A call to {@code /engine-rest} as a Camunda user whose password is the user id (the {@code local} profile). */
    ResponseEntity<String> engine(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/engine-rest" + path, method, new HttpEntity<>(body, headers), String.class);
    }
}
