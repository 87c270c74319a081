package org.returnflow.infra.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.returnflow.infra.gateway.config.RateLimitProperties;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ClientRateLimitTest {

    @Test
    void keepsNoMoreLimitersThanConfigured() throws Exception {
        ClientRateLimit filter = new ClientRateLimit(new RateLimitProperties(true, 5, Duration.ofMinutes(1), 2),
                token -> Optional.of("client-of-" + token));

        for (int i = 0; i < 50; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/detainees");
            request.addHeader("Authorization", "Bearer token-" + i);
            filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        }

        assertThat(filter.trackedClients()).isEqualTo(2);
    }

    @Test
    void keysByTheVerifiedClientIdHoweverTheHeaderIsWrittenElseByAddress() {
        TokenVerifier verifier = token -> token.equals("good.token.sig") ? Optional.of("detention-agency") : Optional.empty();
        MockHttpServletRequest a = new MockHttpServletRequest();
        a.addHeader("Authorization", "Bearer good.token.sig");
        MockHttpServletRequest b = new MockHttpServletRequest();
        b.addHeader("Authorization", "  bEARER   good.token.sig ");
        MockHttpServletRequest forged = new MockHttpServletRequest();
        forged.addHeader("Authorization", "Bearer x.eyJzdWIiOiJkZXRlbnRpb24tYWdlbmN5In0.forged");
        forged.setRemoteAddr("192.0.2.7");
        MockHttpServletRequest basic = new MockHttpServletRequest();
        basic.addHeader("Authorization", "Basic good.token.sig");
        basic.setRemoteAddr("192.0.2.8");
        MockHttpServletRequest anonymous = new MockHttpServletRequest();
        anonymous.setRemoteAddr("192.0.2.9");

        assertThat(ClientRateLimit.clientKey(a, verifier)).isEqualTo("client:detention-agency");
        assertThat(ClientRateLimit.clientKey(b, verifier)).isEqualTo("client:detention-agency");
        assertThat(ClientRateLimit.clientKey(forged, verifier)).isEqualTo("addr:192.0.2.7");
        assertThat(ClientRateLimit.clientKey(basic, verifier)).isEqualTo("addr:192.0.2.8");
        assertThat(ClientRateLimit.clientKey(anonymous, verifier)).isEqualTo("addr:192.0.2.9");
    }

    @Test
    void theLastRequestWithinTheLimitPassesAndTheNextIsRefused() throws Exception {
        ClientRateLimit filter = new ClientRateLimit(new RateLimitProperties(true, 2, Duration.ofMinutes(1), 10),
                token -> Optional.empty());
        int[] statuses = new int[3];
        for (int i = 0; i < 3; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(new MockHttpServletRequest("GET", "/api/flights"), response, new MockFilterChain());
            statuses[i] = response.getStatus();
        }

        assertThat(statuses).containsExactly(200, 200, 429);
    }
}
