package org.returnflow.infra.gateway.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers on every response of the gateway, its own refusals (404, 429, 503) as well as
 * what it relays: {@code X-Content-Type-Options}, {@code X-Frame-Options}, {@code Referrer-Policy}, a
 * {@code Content-Security-Policy} for JSON answers and, outside {@code local}, HSTS. A relayed
 * response that carries one of them keeps the service's value, written once. The gateway's own
 * Swagger UI ({@code /swagger-ui.html}, {@code /swagger-ui/**}) gets a policy that lets it load its
 * scripts and styles and ask the authorisation server for a token, and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter(
            @Value("${returnflow.security.hsts:true}") boolean hsts,
            @Value("${returnflow.gateway.tokens.issuer:http://localhost:9000}") String issuer) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("X-Content-Type-Options", "nosniff");
        defaults.put("X-Frame-Options", "DENY");
        defaults.put("Referrer-Policy", "no-referrer");
        defaults.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        if (hsts) {
            defaults.put("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        String swaggerUiPolicy = "default-src 'self'; connect-src 'self' " + origin(issuer) + "; img-src 'self' data:; "
                + "style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                + "form-action 'self'";
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Map<String, String> headers = defaults;
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/")) {
                    headers = new LinkedHashMap<>(defaults);
                    headers.put("Content-Security-Policy", swaggerUiPolicy);
                    headers.put("Referrer-Policy", "same-origin");
                }
                headers.forEach(response::setHeader);
                chain.doFilter(request, new OneValueEach(response, headers));
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** scheme://host[:port] of the authorisation server, for the Swagger UI's token request. */
    private static String origin(String address) {
        java.net.URI uri = java.net.URI.create(address.trim());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** Adding one of the managed headers replaces its value, so a relayed response never carries two. */
    private static final class OneValueEach extends HttpServletResponseWrapper {
        private final Map<String, String> managed = new LinkedHashMap<>();

        OneValueEach(HttpServletResponse response, Map<String, String> defaults) {
            super(response);
            defaults.keySet().forEach(name -> managed.put(name.toLowerCase(Locale.ROOT), name));
        }

        @Override
        public void addHeader(String name, String value) {
            if (managed.containsKey(name.toLowerCase(Locale.ROOT))) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
