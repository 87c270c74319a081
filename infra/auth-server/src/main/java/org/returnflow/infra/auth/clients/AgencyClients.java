package org.returnflow.infra.auth.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients, built from {@link ClientsProperties}. Secrets are kept only as bcrypt
 * hashes. A client without a secret stops the server from starting, naming the variable to set.
 */
public final class AgencyClients {

    /** Client settings under which the claims of {@link ClientClaims} travel. */
    static final String FACILITIES_SETTING = "returnflow.facilities";
    static final String PARTNER_SETTING = "returnflow.partner";

    private static final Pattern SCOPE = Pattern.compile("[a-z]+:[a-z]+");

    private AgencyClients() {
    }

    public static InMemoryRegisteredClientRepository repository(ClientsProperties properties) {
        Map<String, ClientsProperties.Client> clients = new TreeMap<>(
                properties.clients() == null ? Map.of() : properties.clients());
        if (clients.isEmpty()) {
            throw new IllegalStateException("returnflow.auth.clients names no client");
        }
        List<String> missing = new ArrayList<>();
        clients.forEach((id, client) -> {
            if (client.secret() == null || client.secret().isBlank()) {
                missing.add(ClientsProperties.secretVariable(id));
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingSettingsException("The authorisation server has no secret for "
                    + missing.size() + " of its clients. Set these environment variables", missing,
                    "Set each variable to that client's secret. For a local run, start with "
                            + "SPRING_PROFILES_ACTIVE=local, which has development secrets (see infra/README.md).");
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<RegisteredClient> registered = new ArrayList<>();
        clients.forEach((id, client) -> registered.add(register(id, client, encoder, properties)));
        return new InMemoryRegisteredClientRepository(registered);
    }

    private static RegisteredClient register(String id, ClientsProperties.Client client, PasswordEncoder encoder,
            ClientsProperties properties) {
        if (client.scopes() == null || client.scopes().isEmpty()) {
            throw new IllegalStateException("returnflow.auth.clients." + id + ".scopes names no scope");
        }
        client.scopes().stream().filter(s -> !SCOPE.matcher(s).matches()).findFirst().ifPresent(s -> {
            throw new IllegalStateException("returnflow.auth.clients." + id + ".scopes: '" + s
                    + "' is not a scope like detention:read");
        });
        client.scopes().stream().filter(s -> properties.audienceOf(List.of(s)).isEmpty()).findFirst().ifPresent(s -> {
            throw new IllegalStateException("returnflow.auth.clients." + id + ".scopes: '" + s
                    + "' reaches no service; name them in returnflow.auth.audiences." + ClientsProperties.resourceOf(s));
        });
        return RegisteredClient.withId(id)
                .clientId(id)
                .clientSecret(encoder.encode(client.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSettings(ClientSettings.builder()
                        .setting(FACILITIES_SETTING, List.copyOf(client.facilities()))
                        .setting(PARTNER_SETTING, client.partner())
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                .build();
    }
}
