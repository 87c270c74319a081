package org.returnflow.detention.api;

import org.junit.jupiter.api.Test;
import org.returnflow.detention.config.DetentionAccessRules;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.Records;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The audit trail over HTTP: paged, for operators only, within the caller's facilities. */
@WebMvcTest(controllers = AuditController.class)
@Import(DetentionAccessRules.class)
class AuditControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DetaineeRecords records;
    @MockitoBean
    AuditLog audit;

    private Detainee stored() {
        Detainee d = Records.removable();
        when(records.find(d.id())).thenReturn(Optional.of(d));
        return d;
    }

    @Test
    void showsWhoReadAndWhoChangedARecordPaged() throws Exception {
        Detainee d = stored();
        String id = d.id().toString();
        when(audit.forSubject(id, 1, 2)).thenReturn(List.of(
                new AuditLog.Entry(3, Instant.parse("2026-11-01T10:00:00Z"), "partner-monitor", "PARTNER_READ",
                        "DETAINEE", id, "monitoring", null),
                new AuditLog.Entry(4, Instant.parse("2026-11-01T11:00:00Z"), "detention-agency", "HOLD_PLACED",
                        "DETAINEE", id, null, "kind=APPEAL")));
        when(audit.countForSubject(id)).thenReturn(5L);

        mvc.perform(get("/api/audit").param("subject", id).param("page", "1").param("size", "2")
                        .with(TestClient.DETENTION_AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].principal").value("partner-monitor"))
                .andExpect(jsonPath("$.content[0].purpose").value("monitoring"))
                .andExpect(jsonPath("$.content[1].action").value("HOLD_PLACED"))
                .andExpect(jsonPath("$.totalElements").value(5))
                .andExpect(jsonPath("$.totalPages").value(3));
    }

    @Test
    void partnersMayNotReadTheTrail() throws Exception {
        Detainee d = stored();
        mvc.perform(get("/api/audit").param("subject", d.id().toString()).param("purpose", "curious")
                        .with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verify(audit, never()).forSubject(anyString(), anyInt(), anyInt());
    }

    @Test
    void aSubjectIsRequiredAndMustBeAnId() throws Exception {
        mvc.perform(get("/api/audit").with(TestClient.DETENTION_AGENCY.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject"));
        mvc.perform(get("/api/audit").param("subject", "everyone").with(TestClient.DETENTION_AGENCY.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject"));
        mvc.perform(get("/api/audit").param("subject", UUID.randomUUID().toString()).param("size", "1000")
                        .with(TestClient.DETENTION_AGENCY.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void theTrailOfADetaineeOutsideTheCallersFacilitiesIsNotFound() throws Exception {
        Detainee d = stored();
        mvc.perform(get("/api/audit").param("subject", d.id().toString())
                        .with(TestClient.DETENTION_AGENCY.atFacilities("LA-JACK").mockMvc()))
                .andExpect(status().isNotFound());
        verify(audit, never()).forSubject(anyString(), anyInt(), anyInt());
    }

    @Test
    void theTrailNeedsATokenWithTheReadScope() throws Exception {
        Detainee d = stored();
        mvc.perform(get("/api/audit").param("subject", d.id().toString())).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/audit").param("subject", d.id().toString())
                        .with(TestClient.DETENTION_AGENCY.withScopes("detention:write").mockMvc()))
                .andExpect(status().isForbidden());
    }
}
