package org.returnflow.platform.security;

import org.junit.jupiter.api.Test;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The platform's resource-server rules, as every service inherits them. */
@WebMvcTest(controllers = ApiSecurityTest.ThingController.class,
        properties = "returnflow.security.max-request-bytes=64")
@Import({ApiSecurityTest.Rules.class, ApiSecurityTest.ThingController.class})
class ApiSecurityTest {

    @RestController
    static class ThingController {
        @GetMapping("/api/things")
        Map<String, Object> list() {
            Caller caller = Caller.current();
            return Map.of("principal", caller.principal(), "partner", caller.partner(),
                    "mayAccessJena", caller.mayAccessFacility("LA-JENA"));
        }

        @PostMapping("/api/things")
        Map<String, Object> create(@RequestBody Map<String, Object> body) {
            return body;
        }

        @GetMapping("/api/unruled")
        String unruled() {
            return "nobody should see this";
        }
    }

    @TestConfiguration
    static class Rules {
        @Bean
        ApiAccessRules thingRules() {
            return rules -> rules
                    .requestMatchers(HttpMethod.GET, "/api/things").hasAuthority(ApiAccessRules.scope("detention:read"))
                    .requestMatchers(HttpMethod.POST, "/api/things").hasAuthority(ApiAccessRules.scope("detention:write"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void noTokenIs401Problem() throws Exception {
        mvc.perform(get("/api/things"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://returnflow.org/problems/unauthenticated"))
                .andExpect(jsonPath("$.instance").value("/api/things"))
                .andExpect(jsonPath("$.properties").doesNotExist());
    }

    @Test
    void missingScopeIs403Problem() throws Exception {
        mvc.perform(post("/api/things").with(TestClient.PARTNER_MONITOR.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    void rightScopeGetsThroughAndTheCallerComesFromTheToken() throws Exception {
        mvc.perform(get("/api/things").with(TestClient.DETENTION_AGENCY.atFacilities("LA-PINE").mockMvc())
                        .header("X-Actor", "someone-else"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.principal").value("detention-agency"))
                .andExpect(jsonPath("$.partner").value(false))
                .andExpect(jsonPath("$.mayAccessJena").value(false));
        mvc.perform(get("/api/things").with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.partner").value(true))
                .andExpect(jsonPath("$.mayAccessJena").value(true));
    }

    @Test
    void anApiPathThatNoRuleNamesIsRefusedEvenWithEveryScope() throws Exception {
        mvc.perform(get("/api/unruled").with(TestClient.DEV.mockMvc()))
                .andExpect(status().isForbidden());
    }

    @Test
    void oversizedBodyIs413Problem() throws Exception {
        mvc.perform(post("/api/things").with(TestClient.DEV.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"padding\":\"" + "x".repeat(200) + "\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("64 bytes")));
    }

    /** Every answer carries the security headers, refusals included; HSTS too, since no local profile runs here. */
    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (var request : java.util.List.of(get("/api/things").with(TestClient.DETENTION_AGENCY.mockMvc()),
                get("/api/things"), get("/api/unruled").with(TestClient.DEV.mockMvc()),
                post("/api/things").with(TestClient.DEV.mockMvc()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"padding\":\"" + "x".repeat(200) + "\"}"),
                get("/actuator/health"), get("/no/such/path").with(TestClient.DEV.mockMvc()))) {
            mvc.perform(request)
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "no-referrer"))
                    .andExpect(header().string("Content-Security-Policy",
                            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"))
                    .andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
        }
        mvc.perform(get("/swagger-ui.html"))
                .andExpect(header().string("Content-Security-Policy", containsString("style-src 'self' 'unsafe-inline'")))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }
}
