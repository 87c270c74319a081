package org.returnflow.notification.api;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;
import org.returnflow.notification.config.NotificationAccessRules;
import org.returnflow.notification.domain.NotificationRequests;
import org.returnflow.notification.domain.NotificationStatus;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.web.PageResponse;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = NotificationController.class)
@Import(NotificationAccessRules.class)
class NotificationControllerTest {

    static final UUID CASE = UUID.fromString("6f0b8a52-4c1e-4d2a-9b7e-1a2b3c4d5e01");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    NotificationRequests requests;

    @Test
    void listsTheDeliveriesOfACaseWithStatusLanguageAndTimes() throws Exception {
        UUID id = UUID.randomUUID();
        NotificationView view = new NotificationView(id, CASE, RecipientType.DETAINEE, TemplateKey.CASE_BOOKED, null,
                "prs", "fa-AF", false, "prs", TranslationStatus.DRAFT, true, NotificationStatus.DELIVERED,
                Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T10:00:02Z"), null, 1, null, "<" + id + "@returnflow.local>");
        when(requests.ofCase(eq(CASE), eq(FacilityReach.ALL), eq(0), eq(20), any())).thenReturn(PageResponse.of(List.of(view), 0, 20, 1));

        mvc.perform(get("/api/notifications").param("caseId", CASE.toString())
                        .with(TestClient.NOTIFICATION_SENDER.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].recipientType").value("DETAINEE"))
                .andExpect(jsonPath("$.content[0].locale").value("prs"))
                .andExpect(jsonPath("$.content[0].requestedLocale").value("fa-AF"))
                .andExpect(jsonPath("$.content[0].fallbackLocale").value(false))
                .andExpect(jsonPath("$.content[0].templateLanguage").value("prs"))
                .andExpect(jsonPath("$.content[0].translationStatus").value("DRAFT"))
                .andExpect(jsonPath("$.content[0].englishAttached").value(true))
                .andExpect(jsonPath("$.content[0].status").value("DELIVERED"))
                .andExpect(jsonPath("$.content[0].deliveredAt").value("2026-11-20T10:00:02Z"))
                .andExpect(jsonPath("$.content[0].address").doesNotExist());
    }

    @Test
    void noTokenIs401AndAWrongScopeIs403() throws Exception {
        mvc.perform(get("/api/notifications").param("caseId", CASE.toString()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/notifications").param("caseId", CASE.toString())
                        .with(TestClient.FLIGHT_OPERATIONS.mockMvc()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/notifications").param("caseId", CASE.toString())
                        .with(TestClient.NOTIFICATION_SENDER.withScopes("consulates:manage").mockMvc()))
                .andExpect(status().isForbidden());
        verify(requests, never()).ofCase(any(), any(), anyInt(), anyInt(), any());
    }

    @Test
    void aMissingCaseOrAnOversizedPageIs400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/notifications").with(TestClient.NOTIFICATION_SENDER.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseId"));
        mvc.perform(get("/api/notifications").param("caseId", CASE.toString()).param("size", "1000")
                        .with(TestClient.NOTIFICATION_SENDER.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("size")));
        mvc.perform(get("/api/notifications").param("caseId", "not-a-uuid")
                        .with(TestClient.NOTIFICATION_SENDER.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseId"))
                .andExpect(jsonPath("$.detail", not(containsString("Exception"))));
    }
}
