package org.returnflow.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.returnflow.infra.auth.clients.ClientsProperties;
import org.returnflow.infra.auth.clients.MissingSettingsException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Outside the {@code local} profile the server has no defaults: it refuses to start without its secrets and key. */
@ExtendWith(OutputCaptureExtension.class)
class StartupRequirementsTest {

    static final List<String> CLIENTS = List.of("audit-verifier", "consent-officers", "detention-agency",
            "detention-la-jena", "flight-operations", "notification-sender", "partner-monitor", "removal-operations",
            "returnflow-operators");

    @TempDir
    Path dir;

    @Test
    void withoutSecretsItFailsNamingEveryMissingVariable(CapturedOutput output) {
        List<String> variables = CLIENTS.stream().map(ClientsProperties::secretVariable).toList();
        assertThat(variables).contains("RETURNFLOW_CLIENT_DETENTION_AGENCY_SECRET",
                "RETURNFLOW_CLIENT_DETENTION_LA_JENA_SECRET");

        assertThatThrownBy(() -> RunningAuthServer.start(new String[0],
                Map.of("returnflow.auth.signing-key.path", dir.resolve("key.pem").toString())))
                .rootCause()
                .isInstanceOf(MissingSettingsException.class)
                .satisfies(e -> assertThat(((MissingSettingsException) e).variables())
                        .containsExactlyInAnyOrderElementsOf(variables));

        assertThat(output).contains("APPLICATION FAILED TO START");
        assertThat(output).contains("Set these environment variables: " + String.join(", ", variables));
        assertThat(output).contains("SPRING_PROFILES_ACTIVE=local");
        assertThat(output).doesNotContain("RETURNFLOW_CLIENT_RETURNFLOW_DEV_SECRET");
    }

    @Test
    void withOneSecretMissingItNamesJustThatOne(CapturedOutput output) {
        Map<String, String> properties = secretsFor(CLIENTS.subList(1, CLIENTS.size()));
        properties.put("returnflow.auth.signing-key.path", dir.resolve("key.pem").toString());

        assertThatThrownBy(() -> RunningAuthServer.start(new String[0], properties))
                .rootCause()
                .hasMessageContaining("RETURNFLOW_CLIENT_AUDIT_VERIFIER_SECRET")
                .hasMessageNotContaining("RETURNFLOW_CLIENT_DETENTION_AGENCY_SECRET");
    }

    @Test
    void withoutASigningKeyItFailsNamingTheVariable(CapturedOutput output) {
        Map<String, String> properties = secretsFor(CLIENTS);
        properties.put("returnflow.auth.signing-key.path", dir.resolve("missing.pem").toString());

        assertThatThrownBy(() -> RunningAuthServer.start(new String[0], properties))
                .rootCause()
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("RETURNFLOW_AUTH_KEY")
                .hasMessageContaining("missing.pem");
        assertThat(dir.resolve("missing.pem")).doesNotExist();
        assertThat(output).contains("APPLICATION FAILED TO START");
    }

    @Test
    void withSecretsAndAKeyItStartsAndHasNoDevClient() throws Exception {
        Path key = dir.resolve("key.pem");
        org.returnflow.infra.auth.keys.SigningKeyFile.load(key, true);
        Map<String, String> properties = secretsFor(CLIENTS);
        properties.put("returnflow.auth.signing-key.path", key.toString());

        try (RunningAuthServer server = RunningAuthServer.start(new String[0], properties)) {
            HttpResponse<String> agency = server.tokenRequest("detention-agency", "s3cret-detention-agency", Map.of());
            assertThat(agency.statusCode()).isEqualTo(200);
            // outside local, HSTS on every answer, even over plain HTTP (TLS usually ends at a proxy)
            assertThat(agency.headers().firstValue("Strict-Transport-Security"))
                    .hasValue("max-age=31536000 ; includeSubDomains");
            // the development secret is not accepted outside the local profile
            assertThat(server.tokenRequest("detention-agency", "detention-agency-local-secret", Map.of()).statusCode())
                    .isEqualTo(401);
            assertThat(server.tokenRequest("returnflow-dev", "returnflow-dev-local-secret", Map.of()).statusCode())
                    .isEqualTo(401);
        }
    }

    private static Map<String, String> secretsFor(List<String> clients) {
        Map<String, String> properties = new HashMap<>();
        clients.forEach(id -> properties.put("returnflow.auth.clients." + id + ".secret", "s3cret-" + id));
        return properties;
    }
}
