package org.returnflow.infra.auth.clients;

import java.util.List;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds Returnflow's claims to an access token, from the client's configuration: {@code facilities}
 * (a list of facility codes, only for a facility-scoped client) and {@code partner: true} (only for
 * a partner). The subject is the client id and {@code scope} the list of granted scopes, as Spring
 * Authorization Server writes them. The audience {@code aud} lists the services the granted scopes
 * reach (e.g. {@code detention-service} for {@code detention:read}), instead of the client id that
 * Spring Authorization Server would write: a service accepts only tokens meant for it.
 */
public final class ClientClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String FACILITIES_CLAIM = "facilities";
    public static final String PARTNER_CLAIM = "partner";

    private final ClientsProperties properties;

    public ClientClaims(ClientsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        context.getClaims().audience(properties.audienceOf(context.getAuthorizedScopes()));
        RegisteredClient client = context.getRegisteredClient();
        List<String> facilities = client.getClientSettings().getSetting(AgencyClients.FACILITIES_SETTING);
        if (facilities != null && !facilities.isEmpty()) {
            context.getClaims().claim(FACILITIES_CLAIM, facilities);
        }
        if (Boolean.TRUE.equals(client.getClientSettings().getSetting(AgencyClients.PARTNER_SETTING))) {
            context.getClaims().claim(PARTNER_CLAIM, true);
        }
    }
}
