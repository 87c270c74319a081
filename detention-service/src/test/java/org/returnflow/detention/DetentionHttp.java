package org.returnflow.detention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnflow.testkit.TestClient;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** The detention API over real HTTP as a client with a real signed token; answers read as JSON. */
final class DetentionHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    private final TestRestTemplate http;

    DetentionHttp(TestRestTemplate http) {
        this.http = http;
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, TestClient client) {
        return exchange(method, path, body, client, MediaType.APPLICATION_JSON, null);
    }

    /** A call with a content type of its own and, when {@code ifMatch} is not null, an If-Match header. */
    ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body, TestClient client,
                                      MediaType contentType, String ifMatch) {
        HttpHeaders headers = client.headers();
        headers.setContentType(contentType);
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        ResponseEntity<String> response = http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        try {
            JsonNode node = response.getBody() == null ? null : JSON.readTree(response.getBody());
            return new ResponseEntity<>(node, response.getHeaders(), response.getStatusCode());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registration at a facility, with counsel and a final removal order issued a month ago. */
    static Map<String, Object> registration(String givenName, String familyName, LocalDate dateOfBirth,
                                            String nationality, String facility) {
        LocalDate today = LocalDate.now();
        Map<String, Object> body = new HashMap<>();
        body.put("givenName", givenName);
        body.put("familyName", familyName);
        body.put("dateOfBirth", dateOfBirth.toString());
        body.put("nationality", nationality);
        body.put("preferredLanguage", "fa");
        body.put("facilityCode", facility);
        body.put("detainedSince", today.minusMonths(3).toString());
        body.put("counsel", Map.of("name", "Counsel of Record", "email", "counsel.karimi@law.example"));
        body.put("removalOrder", Map.of("issuedOn", today.minusMonths(1).toString(), "isFinal", true));
        return body;
    }
}
