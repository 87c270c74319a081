package org.returnflow.detention.api;

import org.junit.jupiter.api.Test;
import org.returnflow.detention.config.DetentionAccessRules;
import org.returnflow.detention.domain.ClaimOutcome;
import org.returnflow.detention.domain.ClaimRecords;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.FearClaim;
import org.returnflow.detention.domain.Records;
import org.returnflow.detention.domain.StatusClaim;
import org.returnflow.detention.domain.StatusClaimKind;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Status claims and fear claims over HTTP: bad input, scopes, facilities, partners, and the answers. */
@WebMvcTest(controllers = ClaimsController.class)
@Import({DetentionAccessRules.class, AuditLogWithMockedStore.class})
class ClaimsControllerTest {

    private static final String CLAIM = """
            {"claim":"US_CITIZENSHIP","evidenceReference":"N-600:MSC2612345678"}""";
    private static final String DECISION = """
            {"outcome":"REJECTED","reference":"USCIS:DEN-77","officer":"Officer Ruiz"}""";
    private static final String FEAR = """
            {"destinationCountry":"IRN","madeOn":"2026-11-30","reference":"CF-2026-0042"}""";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DetaineeRecords records;
    @MockitoBean
    ClaimRecords claims;
    @MockitoBean
    JdbcTemplate auditJdbc;

    private final TestClient agency = TestClient.DETENTION_AGENCY;

    private Detainee stored() {
        Detainee d = Records.removable();
        when(records.find(d.id())).thenReturn(Optional.of(d));
        return d;
    }

    private ResultActions send(TestClient client, String path, String body, Object... vars) throws Exception {
        return mvc.perform(post(path, vars).with(client.mockMvc()).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static void assertProblemNaming(ResultActions result, int status, String field) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    // ---- status claims ------------------------------------------------------------------------

    @Test
    void opensAStatusClaim() throws Exception {
        Detainee d = stored();
        StatusClaim claim = Records.statusClaim(d, StatusClaimKind.US_CITIZENSHIP);
        when(claims.openStatusClaim(d.id(), StatusClaimKind.US_CITIZENSHIP, "N-600:MSC2612345678")).thenReturn(claim);

        send(agency, "/api/detainees/{id}/status-claims", CLAIM, d.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(claim.id().toString()))
                .andExpect(jsonPath("$.claim").value("US_CITIZENSHIP"))
                .andExpect(jsonPath("$.open").value(true));
    }

    @Test
    void aStatusClaimNeedsAKnownKindAndAReferenceCodeNotProse() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/status-claims",
                CLAIM.replace("US_CITIZENSHIP", "MARTIAN"), d.id()), 400, "claim");
        assertProblemNaming(send(agency, "/api/detainees/{id}/status-claims",
                CLAIM.replace("N-600:MSC2612345678", "born in Texas, says his mother"), d.id()), 400,
                "evidenceReference");
        assertProblemNaming(send(agency, "/api/detainees/{id}/status-claims", "{\"claim\":\"US_CITIZENSHIP\"}",
                d.id()), 400, "evidenceReference");
        verifyNoInteractions(claims);
    }

    @Test
    void aSecondOpenClaimOfTheSameKindIs409() throws Exception {
        Detainee d = stored();
        when(claims.openStatusClaim(any(), any(), any())).thenThrow(new ConflictException("open already", "claim"));
        assertProblemNaming(send(agency, "/api/detainees/{id}/status-claims", CLAIM, d.id()), 409, "claim");
    }

    @Test
    void claimsNeedTheWriteScopeAndTheFacility() throws Exception {
        Detainee d = stored();
        send(agency.withScopes("detention:read"), "/api/detainees/{id}/status-claims", CLAIM, d.id())
                .andExpect(status().isForbidden());
        send(agency.atFacilities("LA-PINE"), "/api/detainees/{id}/status-claims", CLAIM, d.id())
                .andExpect(status().isNotFound());
        send(agency.atFacilities("LA-PINE"), "/api/detainees/{id}/fear-claims", FEAR, d.id())
                .andExpect(status().isNotFound());
        verifyNoInteractions(claims);
    }

    @Test
    void decidesAStatusClaimForAnOfficer() throws Exception {
        Detainee d = stored();
        StatusClaim claim = Records.statusClaim(d, StatusClaimKind.US_CITIZENSHIP);
        Records.decide(claim, ClaimOutcome.REJECTED);
        when(claims.decideStatusClaim(d.id(), claim.id(), ClaimOutcome.REJECTED, "USCIS:DEN-77", "Officer Ruiz"))
                .thenReturn(d);

        send(agency, "/api/detainees/{id}/status-claims/{claimId}/decision", DECISION, d.id(), claim.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.claim.decision.outcome").value("REJECTED"))
                .andExpect(jsonPath("$.custodyStatus").value("IN_CUSTODY"));
    }

    @Test
    void aDecisionNeedsAnOutcomeAndAReference() throws Exception {
        Detainee d = stored();
        UUID claimId = UUID.randomUUID();
        String path = "/api/detainees/{id}/status-claims/{claimId}/decision";
        assertProblemNaming(send(agency, path, DECISION.replace("REJECTED", "MAYBE"), d.id(), claimId), 400,
                "outcome");
        assertProblemNaming(send(agency, path, "{\"outcome\":\"UPHELD\"}", d.id(), claimId), 400, "reference");
        assertProblemNaming(send(agency, path, DECISION.replace("Officer Ruiz", " "), d.id(), claimId), 400,
                "officer");
        verifyNoInteractions(claims);
    }

    @Test
    void aPartnerNeverDecides() throws Exception {
        Detainee d = stored();
        UUID claimId = UUID.randomUUID();
        send(TestClient.PARTNER_MONITOR, "/api/detainees/{id}/status-claims/{claimId}/decision", DECISION, d.id(),
                claimId).andExpect(status().isForbidden());
        TestClient writingPartner = TestClient.PARTNER_MONITOR.withScopes("detention:read", "detention:write");
        assertProblemNaming(send(writingPartner, "/api/detainees/{id}/status-claims/{claimId}/decision", DECISION,
                d.id(), claimId), 403, "outcome");
        assertProblemNaming(send(writingPartner, "/api/detainees/{id}/fear-claims/{claimId}/decision", DECISION,
                d.id(), claimId), 403, "outcome");
        verifyNoInteractions(claims);
    }

    // ---- fear claims --------------------------------------------------------------------------

    @Test
    void recordsAFearClaimWithItsHold() throws Exception {
        Detainee d = stored();
        FearClaim claim = Records.fearClaim(d, "IRN");
        when(claims.recordFearClaim(d.id(), "IRN", LocalDate.of(2026, 11, 30), "CF-2026-0042")).thenReturn(claim);

        send(agency, "/api/detainees/{id}/fear-claims", FEAR, d.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.holdId").value(claim.hold().id().toString()))
                .andExpect(jsonPath("$.holdActive").value(true));
    }

    @Test
    void aFearClaimNeedsARealCountryAndADateNotInTheFuture() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/fear-claims", FEAR.replace("IRN", "XXA"), d.id()),
                400, "destinationCountry");
        assertProblemNaming(send(agency, "/api/detainees/{id}/fear-claims", FEAR.replace("2026-11-30",
                LocalDate.now().plusDays(3).toString()), d.id()), 400, "madeOn");
        assertProblemNaming(send(agency, "/api/detainees/{id}/fear-claims", FEAR.replace("CF-2026-0042",
                "fears the police"), d.id()), 400, "reference");
        verify(claims, never()).recordFearClaim(any(), any(), any(), any());
    }

    @Test
    void decidesAFearClaim() throws Exception {
        Detainee d = stored();
        FearClaim claim = Records.fearClaim(d, "IRN");
        Records.decide(claim, ClaimOutcome.REJECTED);
        Records.lift(claim.hold());
        when(claims.decideFearClaim(d.id(), claim.id(), ClaimOutcome.REJECTED, "USCIS:DEN-77", "Officer Ruiz"))
                .thenReturn(claim);

        send(agency, "/api/detainees/{id}/fear-claims/{claimId}/decision", DECISION, d.id(), claim.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holdActive").value(false))
                .andExpect(jsonPath("$.decision.onBehalfOf").value("Officer Chen"));
    }
}
