package org.returnflow.infra.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The authorisation server started in this JVM on a free port, and a client of its endpoints. */
final class RunningAuthServer implements AutoCloseable {

    static final String ISSUER = "http://auth.returnflow.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final ConfigurableApplicationContext context;
    final int port;

    private RunningAuthServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Starts with the {@code local} profile and its development secrets, the key kept in {@code keyFile}. */
    static RunningAuthServer local(Path keyFile) {
        return start(new String[] {"local"}, Map.of("returnflow.auth.signing-key.path", keyFile.toString()));
    }

    static RunningAuthServer start(String[] profiles, Map<String, String> properties) {
        // as command-line arguments, which win over application.yml
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.security.oauth2.authorizationserver.issuer=" + ISSUER, "--spring.main.banner-mode=off"));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new RunningAuthServer(new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles(profiles)
                .run(args.toArray(String[]::new)));
    }

    @Override
    public void close() {
        context.close();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** POST /oauth2/token with client credentials in a Basic header (client_secret_basic). */
    HttpResponse<String> tokenRequest(String clientId, String secret, Map<String, String> form) throws Exception {
        String basic = Base64.getEncoder().encodeToString(
                (enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
        Map<String, String> body = new LinkedHashMap<>(Map.of("grant_type", "client_credentials"));
        body.putAll(form);
        return post("/oauth2/token", body, "Basic " + basic);
    }

    HttpResponse<String> post(String path, Map<String, String> form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An access token for a client with its local development secret. */
    String accessToken(String clientId) throws Exception {
        HttpResponse<String> response = tokenRequest(clientId, clientId + "-local-secret", Map.of());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request for " + clientId + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** Verifies a token's signature against this server's JWK set, and its issuer; returns the claims. */
    JWTClaimsSet verify(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        URL jwks = uri("/oauth2/jwks").toURL();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(jwks).retrying(false).build()));
        JWTClaimsSet claims = processor.process(token, null);
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new IllegalStateException("issuer " + claims.getIssuer());
        }
        return claims;
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static String formBody(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return body.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
