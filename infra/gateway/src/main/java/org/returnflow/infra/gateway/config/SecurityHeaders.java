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
 * response that carries one of them keeps the service's value, written once.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter(
            @Value("${returnflow.security.hsts:true}") boolean hsts) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("X-Content-Type-Options", "nosniff");
        defaults.put("X-Frame-Options", "DENY");
        defaults.put("Referrer-Policy", "no-referrer");
        defaults.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        if (hsts) {
            defaults.put("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                defaults.forEach(response::setHeader);
                chain.doFilter(request, new OneValueEach(response, defaults));
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
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
