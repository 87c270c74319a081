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
import org.springframework.security.web.SecurityFilterChain;
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
 */
@Configuration(proxyBeanMethods = false)
class CamundaSecurityConfig {

    @Bean
    @Order(5)
    SecurityFilterChain camundaChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/camunda/**"), paths.matcher("/engine-rest/**"),
                        paths.matcher("/")))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
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
