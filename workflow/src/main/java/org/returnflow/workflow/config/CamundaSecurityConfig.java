package org.returnflow.workflow.config;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.returnflow.workflow.identity.CamundaUser;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.returnflow.platform.config.ResourceServerAutoConfiguration;
import org.returnflow.platform.security.SecurityProperties;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The workflow serves two more path families besides the platform's JWT-protected
 * {@code /api/**}:
 * <ul>
 *   <li>{@code /camunda/**}: Cockpit, Tasklist and Admin, where operators, reviewers and
 *   supervisors log in with the engine's own identity service. Camunda's filters do the login and
 *   their own CSRF protection; Spring's CSRF would break the login.</li>
 *   <li>{@code /engine-rest/**}: HTTP basic against the engine's identity service, through
 *   Camunda's {@link ProcessEngineAuthenticationFilter}, so with authorisation checks on every
 *   call, such as a task completion, acts as a named user.</li>
 * </ul>
 * Path-pattern matchers are explicit: MVC matchers do not see requests that Camunda's Jersey
 * servlets serve.
 *
 * <p>Security headers: {@code X-Content-Type-Options}, {@code X-Frame-Options: SAMEORIGIN},
 * {@code Referrer-Policy: same-origin} and, outside {@code local}, {@code Strict-Transport-Security}
 * on every response; the webapps' {@code Content-Security-Policy} is Camunda's, the engine REST
 * API's the platform's. Login lockout, session cookies and the query limit are in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class CamundaSecurityConfig {

    @Bean
    @Order(5)
    SecurityFilterChain camundaChain(HttpSecurity http, SecurityProperties properties) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher webapps = paths.matcher("/camunda/**");
        http.securityMatcher(new OrRequestMatcher(webapps, paths.matcher("/engine-rest/**"), paths.matcher("/")))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        // same-origin, not no-referrer: a browser sends "Origin: null" on a POST under
                        // no-referrer, and Camunda's CSRF filter would refuse it
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        // the webapps' policy is Camunda's own (camunda.bpm.webapp.header-security), which
                        // knows what Cockpit and Tasklist load; /engine-rest answers JSON only
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(webapps),
                                new ContentSecurityPolicyHeaderWriter(
                                        ResourceServerAutoConfiguration.API_CONTENT_SECURITY_POLICY))));
        if (properties.isHsts()) {
            http.headers(headers -> headers.httpStrictTransportSecurity(sts -> sts
                    .requestMatcher(AnyRequestMatcher.INSTANCE)
                    .maxAgeInSeconds(ResourceServerAutoConfiguration.HSTS_MAX_AGE_SECONDS).includeSubDomains(true)));
        } else {
            http.headers(headers -> headers.httpStrictTransportSecurity(sts -> sts.disable()));
        }
        return http.build();
    }

    /**
     * The Camunda users' passwords ({@code CAMUNDA_<USER>_PASSWORD}) are checked before any bean is
     * made, so that outside the {@code local} profile a missing one stops the start before the engine
     * touches the database, naming the variables.
     */
    @Bean
    static BeanFactoryPostProcessor camundaUserPasswordsRequired(Environment environment) {
        return beanFactory -> CamundaUser.fromEnvironment(environment);
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(101);
        return registration;
    }
}
