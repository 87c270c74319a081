package org.returnflow.platform.openapi;

import org.returnflow.platform.security.ApiAccessRules;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the scopes an operation needs by asking the service's own security filter chains (its
 * {@code ApiAccessRules} and the platform's catch-all) whether a token with each scope of the
 * catalogue may call it. The document therefore says what the service enforces, and cannot drift
 * from it.
 */
final class ScopeProbe {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final String PROBE = "openapi-scope-probe";

    private final WebInvocationPrivilegeEvaluator chains;
    private final String contextPath;

    ScopeProbe(WebInvocationPrivilegeEvaluator chains, String contextPath) {
        this.chains = chains;
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
        return chains.isAllowed(contextPath, uri, method, caller);
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
}
