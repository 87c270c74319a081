package org.returnflow.infra.auth.clients;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clients the server knows, under {@code returnflow.auth}.
 *
 * @param clients        by client id
 * @param accessTokenTtl how long an access token is valid
 * @param audiences      the services a scope reaches, by the scope's resource (the part before the
 *                       colon: {@code detention} for {@code detention:read}); a token's {@code aud}
 *                       lists the services its scopes reach, and each service accepts only tokens
 *                       that name it
 */
@ConfigurationProperties("returnflow.auth")
public record ClientsProperties(Map<String, Client> clients, @DefaultValue("15m") Duration accessTokenTtl,
        Map<String, List<String>> audiences) {

    /** The services the given scopes reach, sorted; a scope whose resource names no service adds none. */
    public List<String> audienceOf(java.util.Collection<String> scopes) {
        java.util.SortedSet<String> services = new java.util.TreeSet<>();
        for (String scope : scopes) {
            services.addAll(audiences == null ? List.of() : audiences.getOrDefault(resourceOf(scope), List.of()));
        }
        return List.copyOf(services);
    }

    /** {@code detention} for {@code detention:read}. */
    public static String resourceOf(String scope) {
        int colon = scope.indexOf(':');
        return colon < 0 ? scope : scope.substring(0, colon);
    }

    /**
     * One client-credentials client.
     *
     * @param scopes     the scopes it may be granted; a token request without {@code scope} gets all of them
     * @param facilities the facilities a facility-scoped client may reach ({@code facilities} claim); empty for no limit
     * @param partner    whether it is a partner: its tokens carry {@code partner: true}
     * @param secret     its secret, from the environment variable {@link #secretVariable(String)}
     */
    public record Client(List<String> scopes, @DefaultValue List<String> facilities, boolean partner, String secret) {
    }

    /** The environment variable that holds a client's secret: {@code RETURNFLOW_CLIENT_<ID>_SECRET}. */
    public static String secretVariable(String clientId) {
        return "RETURNFLOW_CLIENT_" + clientId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET";
    }
}
