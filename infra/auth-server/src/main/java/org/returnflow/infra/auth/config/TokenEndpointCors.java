package org.returnflow.infra.auth.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Lets a browser page of an allowed origin ask for a token: Swagger UI's Authorize button, on the
 * gateway and on each service, posts client credentials to {@code /oauth2/token} from another
 * origin. The filter runs before Spring Security, so the preflight needs no credentials; the token
 * request itself still authenticates the client. No other endpoint is opened to browsers, and no
 * origin is allowed unless configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenEndpointCors.Properties.class)
class TokenEndpointCors {

    static final String TOKEN_PATH = "/oauth2/token";

    /**
     * Settings under {@code returnflow.auth.cors}.
     *
     * @param allowedOrigins origin patterns that may call the token endpoint, e.g. {@code http://localhost:[*]};
     *                       empty for none
     */
    @ConfigurationProperties("returnflow.auth.cors")
    record Properties(@DefaultValue List<String> allowedOrigins) {
    }

    @Bean
    FilterRegistrationBean<CorsFilter> tokenEndpointCorsFilter(Properties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.allowedOrigins().stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (!origins.isEmpty()) {
            CorsConfiguration token = new CorsConfiguration();
            token.setAllowedOriginPatterns(origins);
            token.setAllowedMethods(List.of("POST"));
            token.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Requested-With"));
            token.setAllowCredentials(false);
            token.setMaxAge(Duration.ofMinutes(30));
            source.registerCorsConfiguration(TOKEN_PATH, token);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.addUrlPatterns(TOKEN_PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
