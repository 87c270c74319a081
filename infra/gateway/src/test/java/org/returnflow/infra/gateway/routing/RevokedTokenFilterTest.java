package org.returnflow.infra.gateway.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The gateway reads a bearer token's id without verifying it; anything that is not a JWT has none. */
class RevokedTokenFilterTest {

    @Test
    void readsTheIdOfABearerJwtInAnyLetterCase() {
        String token = part("{\"alg\":\"RS256\"}") + "." + part("{\"sub\":\"detention-agency\",\"jti\":\"abc-1\"}") + ".sig";

        assertThat(RevokedTokenFilter.tokenId("Bearer " + token)).isEqualTo("abc-1");
        assertThat(RevokedTokenFilter.tokenId("bearer " + token)).isEqualTo("abc-1");
    }

    @Test
    void anythingElseHasNoId() {
        assertThat(RevokedTokenFilter.tokenId(null)).isNull();
        assertThat(RevokedTokenFilter.tokenId("Basic dXNlcjpwYXNz")).isNull();
        assertThat(RevokedTokenFilter.tokenId("Bearer not-a-jwt")).isNull();
        assertThat(RevokedTokenFilter.tokenId("Bearer a.%%%.c")).isNull();
        assertThat(RevokedTokenFilter.tokenId("Bearer " + part("{}") + "." + part("{\"jti\":7}") + ".s")).isNull();
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF_8));
    }
}
