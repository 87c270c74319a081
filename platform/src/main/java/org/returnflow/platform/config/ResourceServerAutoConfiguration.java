package org.returnflow.platform.config;

import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.ApiAccessRules;
import org.returnflow.platform.security.ProblemSecurityHandlers;
import org.returnflow.platform.security.RequestSizeLimitFilter;
import org.returnflow.platform.security.RevocationList;
import org.returnflow.platform.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Every Returnflow service is an OAuth2 resource server: {@code /api/**} needs a JWT from the
 * authorisation server, and each service's {@link ApiAccessRules} say which scope each call
 * needs. A call that no rule names is refused. Only health is open on actuator; the OpenAPI
 * document and Swagger UI are open so agencies can read the contract.
 *
 * <p>Applications with more path families (the workflow's Camunda webapps and engine REST)
 * add chains with a higher precedence than {@link #FALLBACK_ORDER}.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerAutoConfiguration {

    /** The order of the last chain; an application's own chains must come before it. */
    public static final int FALLBACK_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    private static final ProblemSecurityHandlers PROBLEMS = new ProblemSecurityHandlers();

    /** The policy of everything that is not a page: JSON answers load nothing and frame nothing. */
    public static final String API_CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** Swagger UI: its own scripts and styles (inline styles too), images as data URIs, no framing. */
    public static final String DOCS_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";

    @Bean
    @Order(10)
    SecurityFilterChain returnflowActuatorChain(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated());
        securityHeaders(http, API_CONTENT_SECURITY_POLICY, ReferrerPolicy.NO_REFERRER, properties.isHsts());
        return resourceServer(http).build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain returnflowApiChain(HttpSecurity http, ObjectProvider<ApiAccessRules> serviceRules,
                                           SecurityProperties properties) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(rules -> {
                    // every service's audit chain check, before the service's own rules for /api/audit
                    rules.requestMatchers(HttpMethod.GET, AuditLog.VERIFY_PATH)
                            .hasAuthority(ApiAccessRules.scope(AuditLog.VERIFY_SCOPE));
                    serviceRules.orderedStream().forEach(r -> r.configure(rules));
                    rules.anyRequest().denyAll();
                });
        securityHeaders(http, API_CONTENT_SECURITY_POLICY, ReferrerPolicy.NO_REFERRER, properties.isHsts());
        return resourceServer(http).build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain returnflowDocsChain(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
        securityHeaders(http, DOCS_CONTENT_SECURITY_POLICY, ReferrerPolicy.SAME_ORIGIN, properties.isHsts());
        return resourceServer(http).build();
    }

    /** Anything else needs a token; with one, an unknown path gets its 404 problem. */
    @Bean
    @Order(FALLBACK_ORDER)
    @ConditionalOnMissingBean(name = "returnflowFallbackChain")
    SecurityFilterChain returnflowFallbackChain(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.authorizeHttpRequests(rules -> rules.anyRequest().authenticated());
        securityHeaders(http, API_CONTENT_SECURITY_POLICY, ReferrerPolicy.NO_REFERRER, properties.isHsts());
        return resourceServer(http).build();
    }

    /**
     * The security headers of every response (OWASP API8), besides Spring Security's defaults
     * ({@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code Cache-Control}):
     * a {@code Content-Security-Policy}, a {@code Referrer-Policy}, and {@code Strict-Transport-Security}
     * on every response when {@code hsts} (outside the {@code local} profile), not only on requests
     * that arrived over TLS, since TLS usually ends at a proxy. A header something else already set
     * (e.g. Camunda's own policy for its webapps) is left as it is.
     */
    public static HttpSecurity securityHeaders(HttpSecurity http, String contentSecurityPolicy,
                                               ReferrerPolicy referrerPolicy, boolean hsts) throws Exception {
        return http.headers(headers -> {
            headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                    .referrerPolicy(referrer -> referrer.policy(referrerPolicy));
            if (hsts) {
                headers.httpStrictTransportSecurity(sts -> sts.requestMatcher(AnyRequestMatcher.INSTANCE)
                        .maxAgeInSeconds(HSTS_MAX_AGE_SECONDS).includeSubDomains(true));
            } else {
                headers.httpStrictTransportSecurity(sts -> sts.disable());
            }
        });
    }

    /** One year. */
    public static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    /** Stateless bearer-token settings shared by every chain above. */
    public static HttpSecurity resourceServer(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(PROBLEMS).accessDeniedHandler(PROBLEMS))
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(PROBLEMS).accessDeniedHandler(PROBLEMS));
    }

    /** Revoked tokens are refused (fetched from the authorisation server; not with the test kit's fixed key). */
    @Bean
    @ConditionalOnExpression("'${returnflow.security.public-key:}'.isEmpty() || !'${returnflow.security.revocations-uri:}'.isEmpty()")
    RevocationList returnflowRevocationList(SecurityProperties properties) {
        return new RevocationList(properties.revocations(), properties.getRevocationsPoll());
    }

    /**
     * Verifies a token's signature, issuer, lifetime and audience, and that it was not revoked: the
     * token must name this service in {@code aud} ({@link SecurityProperties#getAudience()}, by default
     * the application name), so a token meant for another service is refused with 401.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, Environment environment, ObjectProvider<RevocationList> revocations) {
        NimbusJwtDecoder decoder = properties.getPublicKey() != null
                ? NimbusJwtDecoder.withPublicKey(readPublicKey(properties)).build()
                : NimbusJwtDecoder.withJwkSetUri(properties.getJwkSetUri()).build();
        String audience = StringUtils.hasText(properties.getAudience()) ? properties.getAudience()
                : environment.getRequiredProperty("spring.application.name");
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(properties.getIssuer()));
        validators.add(audienceValidator(audience));
        revocations.ifAvailable(validators::add);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /** Accepts a token whose {@code aud} names the audience; refuses it otherwise, saying so. */
    public static OAuth2TokenValidator<Jwt> audienceValidator(String audience) {
        OAuth2Error wrongAudience = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token is not meant for " + audience + ": its audience (aud) does not name it", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(wrongAudience);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(SecurityProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.getMaxRequestBytes()));
        // right after Spring Security's filter, so that a refusal carries the security headers too
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    private static RSAPublicKey readPublicKey(SecurityProperties properties) {
        try (InputStream in = properties.getPublicKey().getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read returnflow.security.public-key", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("returnflow.security.public-key is not an RSA public key", e);
        }
    }
}
