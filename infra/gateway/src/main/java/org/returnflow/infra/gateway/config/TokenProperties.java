package org.returnflow.infra.gateway.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway checks tokens, under {@code returnflow.gateway.tokens}: the same issuer and JWK set
 * the services trust. The gateway verifies a token only to know whose rate budget a request spends;
 * the services still decide whether it may do anything.
 *
 * @param issuer    the issuer every token must name
 * @param jwkSetUri the authorisation server's signing keys
 */
@ConfigurationProperties("returnflow.gateway.tokens")
public record TokenProperties(@DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("http://localhost:9000/oauth2/jwks") URI jwkSetUri) {
}
