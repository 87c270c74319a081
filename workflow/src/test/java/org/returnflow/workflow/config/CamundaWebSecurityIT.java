package org.returnflow.workflow.config;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnflow.testkit.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camunda web security settings as deployed (no {@code local} profile): failed logins lock a user
 * for a while, never for good; authenticated queries are bounded; the webapps' cookies are HttpOnly
 * (the session's), SameSite and Secure; and every response carries the security headers.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "CAMUNDA_ADMIN_PASSWORD=admin-s3cret", "CAMUNDA_OPERATOR1_PASSWORD=operator-s3cret",
        "CAMUNDA_REVIEWER1_PASSWORD=r1-s3cret", "CAMUNDA_REVIEWER2_PASSWORD=r2-s3cret",
        "CAMUNDA_SUPERVISOR1_PASSWORD=supervisor-s3cret"})
class CamundaWebSecurityIT {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    /**
     * Twelve failed logins in a row (Camunda's default locks a user for good after ten) leave the
     * supervisor locked only until the last delay ends; the engine's clock is moved instead of waiting.
     */
    @Test
    void failedLoginsLockTheUserForAWhileButNeverForGood() {
        Instant now = Instant.now();
        for (int attempt = 1; attempt <= 12; attempt++) {
            now = now.plusSeconds(61); // past the previous lock, which is never longer than a minute
            ClockUtil.setCurrentTime(Date.from(now));
            assertThat(identity.checkPassword("supervisor1", "guess-" + attempt)).isFalse();
        }
        ClockUtil.setCurrentTime(Date.from(now.plusSeconds(1)));
        assertThat(identity.checkPassword("supervisor1", "supervisor-s3cret")).as("still locked a second later").isFalse();

        ClockUtil.setCurrentTime(Date.from(now.plusSeconds(61)));
        assertThat(identity.checkPassword("supervisor1", "supervisor-s3cret")).as("unlocked after the delay").isTrue();
    }

    @Test
    void anAuthenticatedQueryIsBoundedTo2000Rows() throws Exception {
        HttpResponse<String> unbounded = send(get("/engine-rest/task").header("Authorization", basic("operator1")));
        assertThat(unbounded.statusCode()).isEqualTo(400);
        assertThat(unbounded.body()).contains("An unbound number of results is forbidden");

        assertThat(send(get("/engine-rest/task?firstResult=0&maxResults=2001")
                .header("Authorization", basic("operator1"))).statusCode()).isEqualTo(400);
        // Tasklist asks for its filters with maxResults=2000
        assertThat(send(get("/engine-rest/filter?firstResult=0&maxResults=2000&resourceType=Task")
                .header("Authorization", basic("operator1"))).statusCode()).isEqualTo(200);
        assertThat(send(get("/engine-rest/task?firstResult=0&maxResults=2000")
                .header("Authorization", basic("operator1"))).statusCode()).isEqualTo(200);
    }

    /** Scripted as PITFALLS.md says: a page for the XSRF token, then the login form with it. */
    @Test
    void theWebappCookiesAreHttpOnlySameSiteAndSecure() throws Exception {
        HttpResponse<String> page = send(get("/camunda/app/cockpit/default/"));
        String xsrf = cookieValue(page, "XSRF-TOKEN").orElseThrow();
        String session = cookieValue(page, "JSESSIONID").orElseThrow();

        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .header("Cookie", "XSRF-TOKEN=" + xsrf + "; JSESSIONID=" + session)
                .POST(HttpRequest.BodyPublishers.ofString("username=operator1&password="
                        + URLEncoder.encode("operator-s3cret", StandardCharsets.UTF_8))));

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String sessionCookie = setCookie(login, "JSESSIONID").orElseThrow();
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure")
                .containsIgnoringCase("SameSite=Lax");
        String xsrfCookie = setCookie(page, "XSRF-TOKEN").orElseThrow();
        assertThat(xsrfCookie).containsIgnoringCase("Secure").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("HttpOnly"); // the webapps' scripts read it and send it back
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> webapp = send(get("/camunda/app/tasklist/default/"));
        HttpResponse<String> engineRest = send(get("/engine-rest/task"));
        HttpResponse<String> api = send(get("/api/removal-cases"));

        assertThat(webapp.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("script-src 'nonce-").contains("frame-ancestors 'none'");
        assertThat(engineRest.headers().allValues("Content-Security-Policy")).containsExactly(
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        assertThat(webapp.headers().allValues("Referrer-Policy")).containsExactly("same-origin");
        assertThat(api.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        for (HttpResponse<String> response : List.of(webapp, engineRest, api)) {
            assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                    v -> assertThat(v).contains("max-age=31536000"));
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":operator-s3cret").getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    private static Optional<String> cookieValue(HttpResponse<?> response, String name) {
        return setCookie(response, name).map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
    }
}
