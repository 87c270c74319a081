package org.returnflow.infra.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.returnflow.infra.gateway.config.RateLimitProperties;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ClientRateLimitTest {

    @Test
    void keepsNoMoreLimitersThanConfigured() throws Exception {
        ClientRateLimit filter = new ClientRateLimit(new RateLimitProperties(true, 5, Duration.ofMinutes(1), 2));

        for (int i = 0; i < 50; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/detainees");
            request.addHeader("Authorization", "Bearer token-" + i);
            filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        }

        assertThat(filter.trackedClients()).isEqualTo(2);
    }

    @Test
    void keysByTheWholeAuthorizationHeaderElseByAddress() {
        MockHttpServletRequest a = new MockHttpServletRequest();
        a.addHeader("Authorization", "Bearer x.eyJzdWIiOiJhIn0.sig1");
        MockHttpServletRequest b = new MockHttpServletRequest();
        b.addHeader("Authorization", "Bearer x.eyJzdWIiOiJhIn0.sig2");
        MockHttpServletRequest anonymous = new MockHttpServletRequest();
        anonymous.setRemoteAddr("192.0.2.7");

        assertThat(ClientRateLimit.clientKey(a)).startsWith("auth:").isNotEqualTo(ClientRateLimit.clientKey(b));
        assertThat(ClientRateLimit.clientKey(a)).doesNotContain("eyJ");
        assertThat(ClientRateLimit.clientKey(anonymous)).isEqualTo("addr:192.0.2.7");
    }

    @Test
    void theLastRequestWithinTheLimitPassesAndTheNextIsRefused() throws Exception {
        ClientRateLimit filter = new ClientRateLimit(new RateLimitProperties(true, 2, Duration.ofMinutes(1), 10));
        int[] statuses = new int[3];
        for (int i = 0; i < 3; i++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(new MockHttpServletRequest("GET", "/api/flights"), response, new MockFilterChain());
            statuses[i] = response.getStatus();
        }

        assertThat(statuses).containsExactly(200, 200, 429);
    }
}
