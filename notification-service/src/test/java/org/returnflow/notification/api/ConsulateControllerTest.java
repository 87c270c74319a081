package org.returnflow.notification.api;

import org.junit.jupiter.api.Test;
import org.returnflow.notification.config.NotificationAccessRules;
import org.returnflow.notification.domain.Consulate;
import org.returnflow.notification.domain.ConsulateDirectory;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ConsulateController.class)
@Import(NotificationAccessRules.class)
class ConsulateControllerTest {

    static final String TEHRAN = "{\"name\":\"Interests Section of the Islamic Republic of Iran\","
            + "\"email\":\"consular@irn-interests.example.org\"}";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ConsulateDirectory directory;

    @Test
    void aConsulateManagerSetsAConsulate() throws Exception {
        when(directory.put("IRN", "Interests Section of the Islamic Republic of Iran",
                "consular@irn-interests.example.org")).thenReturn(new Consulate("IRN",
                "Interests Section of the Islamic Republic of Iran", "consular@irn-interests.example.org",
                Instant.parse("2026-11-20T10:00:00Z")));

        mvc.perform(put("/api/consulates/IRN").with(TestClient.NOTIFICATION_SENDER.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content(TEHRAN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.country").value("IRN"))
                .andExpect(jsonPath("$.email").value("consular@irn-interests.example.org"));
    }

    @Test
    void aCountryThatIsNotIsoAlpha3Is400NamingCountry() throws Exception {
        for (String country : new String[]{"IR", "irn", "XXX", "IRAN"}) {
            mvc.perform(put("/api/consulates/" + country).with(TestClient.NOTIFICATION_SENDER.mockMvc())
                            .contentType(MediaType.APPLICATION_JSON).content(TEHRAN))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("country"));
        }
        verify(directory, never()).put(any(), any(), any());
    }

    @Test
    void aBadEmailOrAMissingNameIs400NamingTheField() throws Exception {
        mvc.perform(put("/api/consulates/IRN").with(TestClient.NOTIFICATION_SENDER.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Consulate\",\"email\":\"not-an-address\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(put("/api/consulates/IRN").with(TestClient.NOTIFICATION_SENDER.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"consul@example.org\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        verify(directory, never()).put(any(), any(), any());
    }

    @Test
    void noTokenIs401() throws Exception {
        mvc.perform(put("/api/consulates/IRN").contentType(MediaType.APPLICATION_JSON).content(TEHRAN))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/consulates/IRN")).andExpect(status().isUnauthorized());
    }

    @Test
    void onlyConsulatesManageMaySetAConsulate() throws Exception {
        mvc.perform(put("/api/consulates/IRN").with(TestClient.PARTNER_MONITOR.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content(TEHRAN))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verify(directory, never()).put(any(), any(), any());
    }

    @Test
    void readingAConsulateNeedsNotificationsReadOrConsulatesManage() throws Exception {
        when(directory.get("IRN")).thenReturn(new Consulate("IRN", "Interests Section", "consular@example.org",
                Instant.parse("2026-11-20T10:00:00Z")));

        mvc.perform(get("/api/consulates/IRN").with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Interests Section"));
        mvc.perform(get("/api/consulates/IRN").with(TestClient.NOTIFICATION_SENDER.withScopes("consulates:manage")
                .mockMvc())).andExpect(status().isOk());
        mvc.perform(get("/api/consulates/IRN").with(TestClient.FLIGHT_OPERATIONS.mockMvc()))
                .andExpect(status().isForbidden());
    }
}
