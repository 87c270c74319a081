package org.returnflow.infra.gateway.routing;

import java.util.Optional;

/** Who sent a request, as far as the gateway can prove it. */
@FunctionalInterface
public interface TokenVerifier {

    /** The client id of a token whose signature, issuer and lifetime verify; empty for any other token. */
    Optional<String> clientId(String token);
}
