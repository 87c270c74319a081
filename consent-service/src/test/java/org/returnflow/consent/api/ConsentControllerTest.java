package org.returnflow.consent.api;

import org.junit.jupiter.api.Test;
import org.returnflow.consent.config.ConsentApiAccess;
import org.returnflow.consent.domain.ConsentPolicy;
import org.returnflow.consent.domain.ConsentRecord;
import org.returnflow.consent.domain.ConsentRegister;
import org.returnflow.consent.domain.ConsentRequest;
import org.returnflow.consent.domain.ConsentWithdrawal;
import org.returnflow.consent.domain.Decision;
import org.returnflow.consent.domain.DecisionInput;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The consent API over HTTP: who may call it, and what bad input gets back. */
@WebMvcTest(controllers = ConsentController.class)
@Import(ConsentApiAccess.class)
class ConsentControllerTest {

    static final String EVIDENCE = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final UUID ID = UUID.fromString("3f1c2b1e-5d7a-4c1e-9a61-0d2b9c4e8a11");
    static final String GIVEN_BODY = """
            {"decision":"GIVEN","officer":"officer-4711","language":"fa","evidenceSha256":"%s"}
            """.formatted(EVIDENCE);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConsentRegister register;

    // --- issue 3: authentication and scopes ---------------------------------------------------

    @Test
    void everyEndpointWithoutATokenIs401Problem() throws Exception {
        for (MockHttpServletRequestBuilder call : List.of(
                get("/api/consents").param("caseId", ID.toString()),
                get("/api/consents/" + ID),
                json(post("/api/consents/" + ID + "/decision"), GIVEN_BODY),
                json(post("/api/consents/" + ID + "/withdrawal"), "{\"reason\":\"x\"}"))) {
            mvc.perform(call)
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
        verifyNoInteractions(register);
    }

    @Test
    void readingWithoutConsentReadIs403() throws Exception {
        mvc.perform(get("/api/consents").param("caseId", ID.toString())
                        .with(TestClient.CONSENT_OFFICERS.withScopes("consent:decide").mockMvc()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/consents/" + ID).with(TestClient.DETENTION_AGENCY.mockMvc()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(register);
    }

    @Test
    void decidingOrWithdrawingWithoutConsentDecideIs403EvenForAPartnerThatMayRead() throws Exception {
        mvc.perform(json(post("/api/consents/" + ID + "/decision"), GIVEN_BODY)
                        .with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(json(post("/api/consents/" + ID + "/withdrawal"), "{\"reason\":\"x\"}")
                        .with(TestClient.CONSENT_OFFICERS.withScopes("consent:read").mockMvc()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(register);
    }

    @Test
    void aPartnerReadWithoutPurposeIs400NamingPurpose() throws Exception {
        mvc.perform(get("/api/consents").param("caseId", ID.toString()).with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        mvc.perform(get("/api/consents/" + ID).with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        verifyNoInteractions(register);
    }

    @Test
    void aPartnerReadWithPurposeSeesTheHistoryButNotTheFreeTextReason() throws Exception {
        when(register.get(ID, FacilityReach.ALL)).thenReturn(withdrawnRecord());

        mvc.perform(get("/api/consents/" + ID).param("purpose", "monitoring IRN-2026-01")
                        .with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.history[*].event", hasItem("WITHDRAWN")))
                .andExpect(jsonPath("$.history[2].reason").doesNotExist());
        mvc.perform(get("/api/consents/" + ID).with(TestClient.CONSENT_OFFICERS.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history[2].event").value("WITHDRAWN"))
                .andExpect(jsonPath("$.history[2].reason").value("wants to stay with family"));
    }

    // --- bad input ---------------------------------------------------------------------------

    @Test
    void listingNeedsACaseOrADetainee() throws Exception {
        asOfficer(get("/api/consents"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("caseId"))
                .andExpect(jsonPath("$.detail", containsString("detaineeId")));
        verifyNoInteractions(register);
    }

    @Test
    void listingRefusesMalformedIdsAndPages() throws Exception {
        asOfficer(get("/api/consents").param("caseId", "not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseId"));
        asOfficer(get("/api/consents").param("detaineeId", "42"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("detaineeId"));
        asOfficer(get("/api/consents").param("caseId", ID.toString()).param("size", "1000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        asOfficer(get("/api/consents").param("caseId", ID.toString()).param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        verifyNoInteractions(register);
    }

    @Test
    void listingByCaseReturnsAPage() throws Exception {
        when(register.find(eq(ID), eq(null), eq(FacilityReach.ALL), any())).thenReturn(new PageImpl<>(List.of(withdrawnRecord()),
                PageRequest.of(0, 20), 1));
        asOfficer(get("/api/consents").param("caseId", ID.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].history[0].event").value("REQUESTED"))
                .andExpect(jsonPath("$.content[0].history[1].officer").value("officer-4711"));
    }

    @Test
    void aMalformedConsentIdIs400() throws Exception {
        asOfficer(get("/api/consents/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
        asOfficer(json(post("/api/consents/not-a-uuid/decision"), GIVEN_BODY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
        verifyNoInteractions(register);
    }

    @Test
    void aDecisionNeedsAKnownDecision() throws Exception {
        decide("{\"officer\":\"officer-4711\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("decision"));
        decide("{\"decision\":\"MAYBE\",\"officer\":\"officer-4711\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("decision"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("GIVEN")));
        verifyNoInteractions(register);
    }

    @Test
    void officerAndInterpreterAreUserIdsNeverNamesOrAddressesBecauseConsentEventsArePublic() throws Exception {
        decide("{\"decision\":\"DECLINED\",\"officer\":\"Maria Lopez\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("officer"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("user id")));
        decide("{\"decision\":\"DECLINED\",\"officer\":\"maria.lopez@ice.example\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("officer"));
        decide("{\"decision\":\"GIVEN\",\"officer\":\"officer-4711\",\"language\":\"fa\","
                + "\"interpreter\":\"Reza Ahmadi\",\"evidenceSha256\":\"" + "ab".repeat(32) + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("interpreter"));
        verifyNoInteractions(register);
    }

    @Test
    void aDecisionNeedsAnOfficer() throws Exception {
        decide("{\"decision\":\"DECLINED\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("officer"));
        decide("{\"decision\":\"DECLINED\",\"officer\":\"  \"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("officer"));
        verifyNoInteractions(register);
    }

    @Test
    void evidenceMustBeALowerCaseSha256() throws Exception {
        decide(GIVEN_BODY.replace(EVIDENCE, EVIDENCE.toUpperCase())).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidenceSha256"));
        decide(GIVEN_BODY.replace(EVIDENCE, EVIDENCE.substring(1))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evidenceSha256"));
        verifyNoInteractions(register);
    }

    @Test
    void languageMustBeABcp47Tag() throws Exception {
        decide(GIVEN_BODY.replace("\"fa\"", "\"Persian\"")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("language"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("BCP 47")));
        verifyNoInteractions(register);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        decide("{\"decision\":").andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(register);
    }

    @Test
    void aValidDecisionReachesTheRegisterAsTheAuthenticatedClient() throws Exception {
        when(register.decide(eq(ID), any(), eq("consent-officers"), eq(FacilityReach.ALL))).thenReturn(withdrawnRecord());
        decide(GIVEN_BODY.replace("}", ",\"interpreter\":\"  \"}")).andExpect(status().isOk());
        verify(register).decide(ID, new DecisionInput(Decision.GIVEN, "officer-4711", "fa", null, EVIDENCE),
                "consent-officers", FacilityReach.ALL);
    }

    @Test
    void aWithdrawalNeedsAReason() throws Exception {
        for (String body : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}",
                "{\"reason\":\"" + "x".repeat(1001) + "\"}")) {
            asOfficer(json(post("/api/consents/" + ID + "/withdrawal"), body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("reason"));
        }
        verifyNoInteractions(register);
    }

    // --- helpers -----------------------------------------------------------------------------

    ResultActions decide(String body) throws Exception {
        return asOfficer(json(post("/api/consents/" + ID + "/decision"), body));
    }

    ResultActions asOfficer(MockHttpServletRequestBuilder call) throws Exception {
        return mvc.perform(call.with(TestClient.CONSENT_OFFICERS.mockMvc()));
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder call, String body) {
        return call.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** A request that was given and then withdrawn, built through the domain's own rules. */
    static ConsentRecord withdrawnRecord() {
        ConsentRequest request = new ConsentRequest(UUID.randomUUID(), UUID.randomUUID(), "fa",
                LocalDate.of(2026, 1, 1), Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"),
                "/returnflow/workflow", "cmd-1");
        var decision = request.decide(new DecisionInput(Decision.GIVEN, "officer-4711", "fa", null, EVIDENCE),
                new ConsentPolicy(180), Instant.parse("2026-05-02T00:00:00Z"), "consent-officers");
        ConsentWithdrawal withdrawal = request.withdraw("wants to stay with family", false,
                Instant.parse("2026-05-03T00:00:00Z"), "consent-officers");
        return new ConsentRecord(request, List.of(decision), List.of(withdrawal));
    }
}
