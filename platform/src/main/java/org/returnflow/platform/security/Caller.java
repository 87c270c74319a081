package org.returnflow.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, taken from the verified token, never from a header the client chose.
 *
 * @param principal  the client id (the token's subject)
 * @param scopes     the granted scopes, such as {@code detention:read}
 * @param facilities the facilities the client may reach, or empty (no limit) for an agency-wide client, whose
 *                   token says so explicitly with the claim value {@value #ALL_FACILITIES}; a token without
 *                   the claim, or with an empty one, reaches no facility (fail closed)
 * @param partner    whether the client is a partner (e.g. an independent return monitor): its
 *                   reads leave out names and are audited with a purpose
 */
public record Caller(String principal, Set<String> scopes, Optional<Set<String>> facilities, boolean partner) {

    public static final String FACILITIES_CLAIM = "facilities";
    public static final String PARTNER_CLAIM = "partner";
    /**
     * The {@code facilities} claim value of an agency-wide client: every facility. The authorisation
     * server issues it to the national clients only; no facility code can be {@code *}.
     */
    public static final String ALL_FACILITIES = "*";

    /** The caller of the current request; fails when the request was not authenticated by a token. */
    public static Caller current() {
        return find().orElseThrow(() -> new IllegalStateException("No authenticated caller"));
    }

    public static Optional<Caller> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken token) {
            return Optional.of(of(token.getToken()));
        }
        return Optional.empty();
    }

    public static Caller of(Jwt jwt) {
        Set<String> scopes = Set.copyOf(scopes(jwt.getClaim("scope")));
        List<String> claim = jwt.getClaimAsStringList(FACILITIES_CLAIM);
        Optional<Set<String>> facilities = claim != null && claim.contains(ALL_FACILITIES) ? Optional.empty()
                : Optional.of(claim == null ? Set.of() : Set.copyOf(claim));
        boolean partner = Boolean.TRUE.equals(jwt.getClaimAsBoolean(PARTNER_CLAIM));
        return new Caller(jwt.getSubject(), scopes, facilities, partner);
    }

    /**
     * Whether a record held at this facility is within the caller's reach: for an agency-wide client
     * always, for a client limited to facilities only theirs, for a token without the claim never.
     */
    public boolean mayAccessFacility(String facilityCode) {
        return reach().reaches(facilityCode);
    }

    /** The facilities within the caller's reach, to filter a query by. */
    public FacilityReach reach() {
        return new FacilityReach(facilities);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** The {@code scope} claim is a list in our tokens, and a space-separated string in RFC 9068. */
    private static List<String> scopes(Object claim) {
        if (claim instanceof java.util.Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String s && !s.isBlank()) {
            return List.of(s.trim().split("\\s+"));
        }
        return List.of();
    }
}
