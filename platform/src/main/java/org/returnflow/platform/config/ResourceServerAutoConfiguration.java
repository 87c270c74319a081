package org.returnflow.platform.config;

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
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

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

    @Bean
    @Order(10)
    SecurityFilterChain returnflowActuatorChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated());
        return resourceServer(http).build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain returnflowApiChain(HttpSecurity http, ObjectProvider<ApiAccessRules> serviceRules)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(rules -> {
                    serviceRules.orderedStream().forEach(r -> r.configure(rules));
                    rules.anyRequest().denyAll();
                });
        return resourceServer(http).build();
    }

    @Bean
    @Order(30)
    SecurityFilterChain returnflowDocsChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
        return resourceServer(http).build();
    }

    /** Anything else needs a token; with one, an unknown path gets its 404 problem. */
    @Bean
    @Order(FALLBACK_ORDER)
    @ConditionalOnMissingBean(name = "returnflowFallbackChain")
    SecurityFilterChain returnflowFallbackChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(rules -> rules.anyRequest().authenticated());
        return resourceServer(http).build();
    }

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

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, ObjectProvider<RevocationList> revocations) {
        NimbusJwtDecoder decoder = properties.getPublicKey() != null
                ? NimbusJwtDecoder.withPublicKey(readPublicKey(properties)).build()
                : NimbusJwtDecoder.withJwkSetUri(properties.getJwkSetUri()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(properties.getIssuer()));
        revocations.ifAvailable(validators::add);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        return decoder;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(SecurityProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.getMaxRequestBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
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
