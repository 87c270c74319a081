package org.returnflow.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.http.HttpHeaders;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Acting as a given client in a test: the same clients and scopes the authorisation server
 * issues, as a signed token for real HTTP calls ({@link #bearer()}) or as a MockMvc post
 * processor for {@code @WebMvcTest} ({@link #mockMvc()}).
 *
 * <p>A token's audience ({@code aud}) lists the services its scopes reach, as the authorisation
 * server's {@code returnflow.auth.audiences} says, so a client's token is refused (401) by a service
 * none of its scopes reaches.
 *
 * @param id         the client id, which becomes the token's subject and the audited principal
 * @param scopes     granted scopes
 * @param facilities facilities a facility-scoped client may reach, or null for no limit
 * @param partner    whether reads by this client are partner reads (no names, purpose required)
 */
public record TestClient(String id, Set<String> scopes, List<String> facilities, boolean partner) {

    /** The issuer services trust under the test kit (see RealInfrastructure). */
    public static final String ISSUER = "https://testkit.returnflow.test";
    public static final String PUBLIC_KEY_RESOURCE = "classpath:returnflow-testkit/jwt-public.pem";

    public static final TestClient DETENTION_AGENCY =
            new TestClient("detention-agency", Set.of("detention:read", "detention:write"), null, false);
    public static final TestClient CONSENT_OFFICERS =
            new TestClient("consent-officers", Set.of("consent:read", "consent:decide"), null, false);
    public static final TestClient FLIGHT_OPERATIONS =
            new TestClient("flight-operations", Set.of("flights:read", "flights:manage"), null, false);
    public static final TestClient NOTIFICATION_SENDER =
            new TestClient("notification-sender", Set.of("notifications:read", "consulates:manage"), null, false);
    public static final TestClient REMOVAL_OPERATIONS =
            new TestClient("removal-operations", Set.of("cases:read", "cases:write"), null, false);
    public static final TestClient PARTNER_MONITOR = new TestClient("partner-monitor",
            Set.of("detention:read", "consent:read", "flights:read", "notifications:read", "cases:read"), null, true);
    /** The operations desk: parked correlations and dead letters (workflow {@code /api/ops}). */
    public static final TestClient OPERATORS =
            new TestClient("returnflow-operators", Set.of("ops:manage", "cases:read"), null, false);
    public static final TestClient AUDIT_VERIFIER =
            new TestClient("audit-verifier", Set.of("audit:verify"), null, false);
    public static final TestClient DEV = new TestClient("returnflow-dev", Set.of(
            "detention:read", "detention:write", "consent:read", "consent:decide", "flights:read", "flights:manage",
            "notifications:read", "consulates:manage", "cases:read", "cases:write", "ops:manage", "audit:verify"), null, false);

    /** The services each scope's resource reaches: the authorisation server's returnflow.auth.audiences. */
    private static final Map<String, List<String>> AUDIENCES = Map.of(
            "detention", List.of("detention-service"),
            "consent", List.of("consent-service"),
            "flights", List.of("flight-service"),
            "notifications", List.of("notification-service"),
            "consulates", List.of("notification-service"),
            "cases", List.of("workflow"),
            "ops", List.of("workflow"),
            "audit", List.of("detention-service", "consent-service", "flight-service", "notification-service", "workflow"));

    private static final PrivateKey KEY = loadKey();

    public TestClient {
        scopes = Set.copyOf(scopes);
        facilities = facilities == null ? null : List.copyOf(facilities);
    }

    /** The same client limited to some facilities (the {@code facilities} claim). */
    public TestClient atFacilities(String... codes) {
        return new TestClient(id, scopes, List.of(codes), partner);
    }

    /** The same client with other scopes, e.g. to prove that a missing scope gives 403. */
    public TestClient withScopes(String... newScopes) {
        return new TestClient(id, Set.of(newScopes), facilities, partner);
    }

    /** The services this client's scopes reach: its tokens' {@code aud}. */
    public List<String> audience() {
        return scopes.stream().flatMap(s -> AUDIENCES.getOrDefault(s.substring(0, Math.max(0, s.indexOf(':'))),
                List.of()).stream()).distinct().sorted().toList();
    }

    /** A token signed with the test kit's key, valid for ten minutes. */
    public String token() {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(id)
                .audience(audience())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("client_id", id)
                .claim("scope", new ArrayList<>(new TreeSet<>(scopes)));
        if (facilities != null) {
            claims.claim("facilities", facilities);
        }
        if (partner) {
            claims.claim("partner", true);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("testkit").build(),
                    claims.build());
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a test token", e);
        }
    }

    /** The value of an Authorization header. */
    public String bearer() {
        return "Bearer " + token();
    }

    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, bearer());
        return headers;
    }

    /** Authenticates a MockMvc request as this client, with the same claims a real token has. */
    public RequestPostProcessor mockMvc() {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> {
            j.issuer(ISSUER).subject(id).audience(audience()).claim("client_id", id)
                    .claim("scope", new ArrayList<>(new TreeSet<>(scopes)));
            if (facilities != null) {
                j.claim("facilities", facilities);
            }
            if (partner) {
                j.claim("partner", true);
            }
        });
    }

    private static PrivateKey loadKey() {
        try (InputStream in = TestClient.class.getResourceAsStream("/returnflow-testkit/jwt-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("returnflow-testkit/jwt-private.pem is missing from the classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
