package org.returnflow.infra.gateway.routing;

import java.net.MalformedURLException;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.returnflow.infra.gateway.config.TokenProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies RS256 tokens against the authorisation server's JWK set, as the services do: signature,
 * issuer, expiry. The keys are cached, and a token with an unknown key id refetches them at most
 * once every 30 s (Nimbus's rate-limited source), so a flood of made-up tokens cannot make the
 * gateway hammer the authorisation server. A token that does not verify, for whatever reason
 * (including an unreachable authorisation server), simply has no verified client.
 */
public final class JwksTokenVerifier implements TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(JwksTokenVerifier.class);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwksTokenVerifier(TokenProperties properties) {
        try {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.<SecurityContext>create(properties.jwkSetUri().toURL()).retrying(false).build()));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("returnflow.gateway.tokens.jwk-set-uri is not a URL: "
                    + properties.jwkSetUri(), e);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(), Set.of("sub", "exp")));
    }

    @Override
    public Optional<String> clientId(String token) {
        try {
            return Optional.ofNullable(processor.process(token, null).getSubject());
        } catch (Exception e) {
            log.debug("Token not verified: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
