package org.returnflow.infra.auth.config;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.returnflow.infra.auth.clients.AgencyClients;
import org.returnflow.infra.auth.clients.ClientClaims;
import org.returnflow.infra.auth.clients.ClientsProperties;
import org.returnflow.infra.auth.clients.DefaultScopes;
import org.returnflow.infra.auth.keys.SigningKeyFile;
import org.returnflow.infra.auth.limits.TokenRateLimitProperties;
import org.returnflow.infra.auth.limits.TokenRequestLimit;
import org.returnflow.infra.auth.keys.SigningKeyProperties;
import org.returnflow.infra.auth.revocation.RevocationRecorder;
import org.returnflow.infra.auth.revocation.RevokedTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;

import java.time.Clock;

import java.nio.file.Path;

/**
 * Two filter chains: the authorisation server's own endpoints (token, JWK set, metadata,
 * introspection, revocation), where clients authenticate with their secret, rate-limited per client
 * id and per address; then everything else, where only health and the list of revoked tokens are
 * open. A revocation is recorded in {@link RevokedTokens}, which the gateway and the services poll
 * ({@code GET /oauth2/revocations}).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, TokenRateLimitProperties rateLimit,
            RevocationRecorder revocations, @Value("${returnflow.security.hsts:true}") boolean hsts) throws Exception {
        securityHeaders(http, hsts);
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        if (rateLimit.enabled()) {
            // before client authentication, so a refused request never reaches the secret check
            http.addFilterBefore(new TokenRequestLimit(rateLimit, Clock.systemUTC()),
                    AbstractPreAuthenticatedProcessingFilter.class);
        }
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.tokenEndpoint(token -> token.accessTokenRequestConverter(new DefaultScopes()))
                        .tokenRevocationEndpoint(revoke -> revoke.revocationResponseHandler(revocations)))
                .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElseChain(HttpSecurity http, @Value("${returnflow.security.hsts:true}") boolean hsts)
            throws Exception {
        securityHeaders(http, hsts);
        http.authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/oauth2/revocations").permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    /**
     * Besides Spring Security's defaults (nosniff, X-Frame-Options, Cache-Control): a policy that lets
     * the JSON answers load and frame nothing, no referrer, and HSTS on every response outside
     * {@code local} (TLS usually ends at a proxy, and browsers ignore it over plain HTTP).
     */
    private static void securityHeaders(HttpSecurity http, boolean hsts) throws Exception {
        http.headers(headers -> {
            headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER));
            if (hsts) {
                headers.httpStrictTransportSecurity(sts -> sts.requestMatcher(AnyRequestMatcher.INSTANCE)
                        .maxAgeInSeconds(31_536_000).includeSubDomains(true));
            } else {
                headers.httpStrictTransportSecurity(sts -> sts.disable());
            }
        });
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(ClientsProperties properties) {
        return AgencyClients.repository(properties);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> clientClaims(ClientsProperties properties) {
        return new ClientClaims(properties);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyProperties properties) {
        RSAKey key = SigningKeyFile.load(properties.path(), properties.generateIfMissing());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    RevokedTokens revokedTokens(@Value("${returnflow.auth.revocations.file:}") String file) {
        return new RevokedTokens(file.isBlank() ? null : Path.of(file), Clock.systemUTC());
    }

    @Bean
    RevocationRecorder revocationRecorder(ObjectProvider<JWKSource<SecurityContext>> jwkSource, RevokedTokens revokedTokens) {
        return new RevocationRecorder(() -> OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource.getObject()),
                revokedTokens);
    }
}
