package org.returnflow.platform.openapi;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.MappingMatch;
import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.FilterInvocation;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.HandlerMappingIntrospectorRequestTransformer;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the scopes an operation needs by asking the service's own security filter chains (its
 * {@code ApiAccessRules} and the platform's catch-all) whether a token with each scope of the
 * catalogue may call it. The document therefore says what the service enforces, and cannot drift
 * from it.
 *
 * <p>Each question is a request that never reaches a servlet: the chain that would serve it
 * decides with its own authorisation manager, as it does for a real call. The request says it is
 * for Spring MVC's servlet, so rules written as MVC patterns decide even where another servlet
 * (Camunda's Jersey) shares the application.
 */
final class ScopeProbe {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final String PROBE = "openapi-scope-probe";

    private final List<SecurityFilterChain> chains;
    private final ServletContext servletContext;
    private final HandlerMappingIntrospector introspector;
    private final String contextPath;

    /**
     * @param chains       the application's security filter chains, in their order
     * @param introspector Spring MVC's, for rules written as MVC patterns; null without Spring MVC
     */
    ScopeProbe(List<SecurityFilterChain> chains, ServletContext servletContext, HandlerMappingIntrospector introspector,
               String contextPath) {
        this.chains = chains;
        this.servletContext = servletContext;
        this.introspector = introspector;
        this.contextPath = contextPath;
    }

    /**
     * @param method       the HTTP method, e.g. {@code GET}
     * @param pathTemplate the path as the document writes it, e.g. {@code /api/detainees/{id}}
     * @param catalogue    every scope a token can carry
     */
    OperationAccess access(String method, String pathTemplate, Collection<String> catalogue) {
        String uri = PATH_VARIABLE.matcher(pathTemplate).replaceAll("0");
        if (allowed(method, uri, anonymous())) {
            return OperationAccess.anonymous();
        }
        if (allowed(method, uri, token(List.of()))) {
            return OperationAccess.anyToken();
        }
        List<String> enough = catalogue.stream().filter(scope -> allowed(method, uri, token(List.of(scope)))).toList();
        return enough.isEmpty() ? OperationAccess.nobody() : OperationAccess.anyScopeOf(enough);
    }

    private boolean allowed(String method, String uri, Authentication caller) {
        HttpServletRequest request = request(method, uri);
        for (SecurityFilterChain chain : chains) {
            if (chain.matches(request)) {
                AuthorizationFilter authorization = authorizationFilter(chain.getFilters());
                if (authorization == null) {
                    return true;
                }
                AuthorizationResult result = authorization.getAuthorizationManager().authorize(() -> caller, request);
                return result == null || result.isGranted();
            }
        }
        return true;
    }

    private HttpServletRequest request(String method, String uri) {
        HttpServletRequest request = new ForDispatcherServlet(
                new FilterInvocation(contextPath, uri, null, null, method, servletContext).getHttpRequest(),
                dispatcherServletMapping());
        return introspector == null ? request : new HandlerMappingIntrospectorRequestTransformer(introspector)
                .transform(request);
    }

    private HttpServletMapping dispatcherServletMapping() {
        if (servletContext != null) {
            for (ServletRegistration servlet : servletContext.getServletRegistrations().values()) {
                if (isDispatcherServlet(servlet.getClassName())) {
                    String pattern = servlet.getMappings().stream().findFirst().orElse("/");
                    return new DispatcherServletMapping(servlet.getName(), pattern);
                }
            }
        }
        return null;
    }

    private static boolean isDispatcherServlet(String className) {
        try {
            return className != null && DispatcherServlet.class.isAssignableFrom(
                    Class.forName(className, false, ScopeProbe.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static AuthorizationFilter authorizationFilter(List<Filter> filters) {
        return filters.stream().filter(AuthorizationFilter.class::isInstance).map(AuthorizationFilter.class::cast)
                .findFirst().orElse(null);
    }

    private static Authentication anonymous() {
        return new AnonymousAuthenticationToken(PROBE, "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    }

    private static Authentication token(List<String> scopes) {
        Jwt jwt = Jwt.withTokenValue(PROBE).header("alg", "none").subject(PROBE)
                .claim("scope", String.join(" ", scopes)).build();
        return new JwtAuthenticationToken(jwt,
                scopes.stream().map(s -> new SimpleGrantedAuthority(ApiAccessRules.scope(s))).toList());
    }

    /** A probe request, mapped to Spring MVC's servlet when the application registers one. */
    private static final class ForDispatcherServlet extends HttpServletRequestWrapper {
        private final HttpServletMapping mapping;

        ForDispatcherServlet(HttpServletRequest request, HttpServletMapping mapping) {
            super(request);
            this.mapping = mapping;
        }

        @Override
        public HttpServletMapping getHttpServletMapping() {
            return mapping != null ? mapping : super.getHttpServletMapping();
        }
    }

    private record DispatcherServletMapping(String servletName, String pattern) implements HttpServletMapping {
        @Override
        public String getServletName() {
            return servletName;
        }

        @Override
        public String getPattern() {
            return pattern;
        }

        @Override
        public String getMatchValue() {
            return "";
        }

        @Override
        public MappingMatch getMappingMatch() {
            return "/".equals(pattern) ? MappingMatch.DEFAULT : MappingMatch.PATH;
        }
    }
}
