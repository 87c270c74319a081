package org.returnflow.infra.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class TokenRequestLimitTest {

    @Test
    void theClientIdComesFromBasicCredentialsOrTheForm() {
        MockHttpServletRequest basic = new MockHttpServletRequest("POST", "/oauth2/token");
        basic.addHeader("Authorization", "basic " + Base64.getEncoder()
                .encodeToString("detention%2Dagency:s3cret:with:colons".getBytes(StandardCharsets.UTF_8)));
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/oauth2/token");
        form.setParameter("client_id", "flight-operations");
        MockHttpServletRequest garbage = new MockHttpServletRequest("POST", "/oauth2/token");
        garbage.addHeader("Authorization", "Basic not*base64");

        assertThat(TokenRequestLimit.clientId(basic)).hasValue("detention-agency");
        assertThat(TokenRequestLimit.clientId(form)).hasValue("flight-operations");
        assertThat(TokenRequestLimit.clientId(garbage)).isEmpty();
        assertThat(TokenRequestLimit.clientId(new MockHttpServletRequest())).isEmpty();
    }
}
