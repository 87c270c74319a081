package org.returnflow.infra.gateway.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Revoked tokens refused at the gateway, under {@code returnflow.gateway.revocations}.
 *
 * @param enabled whether the gateway checks at all (the services check in any case)
 * @param uri     the authorisation server's list of revoked tokens
 * @param poll    how often the list is fetched: a revoked token is refused within about this time
 */
@ConfigurationProperties("returnflow.gateway.revocations")
public record RevocationProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("http://localhost:9000/oauth2/revocations") URI uri,
        @DefaultValue("10s") Duration poll) {
}
