package org.returnflow.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code facilities} claim fails closed: only the explicit value {@code *} reaches every facility. */
class CallerTest {

    private static Caller caller(Object facilities) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("client")
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60)).claim("scope", List.of("x:read"));
        if (facilities != null) {
            jwt.claim(Caller.FACILITIES_CLAIM, facilities);
        }
        return Caller.of(jwt.build());
    }

    @Test
    void aTokenWithoutTheClaimReachesNoFacility() {
        Caller noClaim = caller(null);
        assertThat(noClaim.mayAccessFacility("LA-JENA")).isFalse();
        assertThat(noClaim.mayAccessFacility(null)).isFalse();
        assertThat(noClaim.facilities()).contains(java.util.Set.of());
    }

    @Test
    void anEmptyClaimReachesNoFacility() {
        assertThat(caller(List.of()).mayAccessFacility("LA-JENA")).isFalse();
        assertThat(caller(List.of()).facilities()).contains(java.util.Set.of());
    }

    @Test
    void aFacilityClaimReachesThoseFacilitiesOnly() {
        Caller jena = caller(List.of("LA-JENA"));
        assertThat(jena.mayAccessFacility("LA-JENA")).isTrue();
        assertThat(jena.mayAccessFacility("LA-PINE")).isFalse();
        assertThat(jena.mayAccessFacility(null)).isFalse();
    }

    @Test
    void theExplicitAllValueReachesEveryFacility() {
        Caller national = caller(List.of(Caller.ALL_FACILITIES));
        assertThat(national.mayAccessFacility("LA-PINE")).isTrue();
        assertThat(national.facilities()).isEmpty();
    }
}
