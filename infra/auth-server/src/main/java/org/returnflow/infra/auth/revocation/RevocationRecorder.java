package org.returnflow.infra.auth.revocation;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Answers {@code POST /oauth2/revoke} (RFC 7009) once the client has authenticated with its secret,
 * and adds the token to the {@link RevokedTokens} when it is an access token this server signed for
 * that same client and it has not expired. A client revokes only its own tokens: another client's
 * token, a token of another server or garbage is answered 200 as the RFC says, and nothing is
 * recorded. This works for every token the signing key still verifies, also one issued before a
 * restart of this server.
 */
public class RevocationRecorder implements AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(RevocationRecorder.class);

    private final Supplier<JwtDecoder> decoder;
    private final RevokedTokens revoked;
    private volatile JwtDecoder ownTokens;

    /** @param decoder verifies this server's own tokens; asked for on the first revocation */
    public RevocationRecorder(Supplier<JwtDecoder> decoder, RevokedTokens revoked) {
        this.decoder = decoder;
        this.revoked = revoked;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        if (authentication instanceof OAuth2TokenRevocationAuthenticationToken revocation
                && revocation.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null) {
            String clientId = client.getRegisteredClient().getClientId();
            try {
                if (ownTokens == null) {
                    ownTokens = decoder.get();
                }
                Jwt token = ownTokens.decode(revocation.getToken());
                if (clientId.equals(token.getSubject()) && token.getId() != null && token.getExpiresAt() != null) {
                    revoked.revoke(token.getId(), token.getExpiresAt());
                    log.info("Client {} revoked its token {} (valid until {})", clientId, token.getId(), token.getExpiresAt());
                } else {
                    log.info("Client {} asked to revoke a token that is not its own; nothing recorded", clientId);
                }
            } catch (JwtException notOneOfOurs) {
                log.info("Client {} asked to revoke a token this server does not accept ({}); nothing recorded",
                        clientId, notOneOfOurs.getMessage());
            }
        }
        response.setStatus(HttpServletResponse.SC_OK);
    }
}
