package org.returnflow.flight.api;

import org.junit.jupiter.api.Test;
import org.returnflow.flight.config.FlightAccessRules;
import org.returnflow.flight.domain.Flights;
import org.returnflow.flight.domain.Monitors;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Transit authorisations and monitors over HTTP: bad input is a 400 naming the field and reaches no
 * domain code; a monitor cannot change a flight, an agency cannot file a monitor's report, and a
 * monitor asking for a flight it is not assigned to gets 404.
 */
@WebMvcTest(controllers = {FlightChangeController.class, MonitorController.class, FlightController.class})
@Import(FlightAccessRules.class)
class MonitorAndTransitControllerTest {

    static final UUID FLIGHT = UUID.randomUUID();
    static final UUID CASE = UUID.randomUUID();

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Flights flights;
    @MockitoBean
    Monitors monitors;
    @MockitoBean
    AuditLog audit;

    @Test
    void aTransitAuthorisationNeedsAReferenceAnAuthorityAndCountryCodes() throws Exception {
        String path = "/stopovers/DOH/transit-authorisation";
        post(path, "{\"grantedBy\":\"QAT-MOI-BORDERS\"}", TestClient.FLIGHT_OPERATIONS).andExpect(field("reference"));
        post(path, "{\"reference\":\"QA-TR-1\"}", TestClient.FLIGHT_OPERATIONS).andExpect(field("grantedBy"));
        post(path, "{\"reference\":\"QA TR\\n1\",\"grantedBy\":\"QAT\"}", TestClient.FLIGHT_OPERATIONS)
                .andExpect(field("reference"));
        post(path, "{\"reference\":\"QA-TR-1\",\"grantedBy\":\"QAT\",\"refusedNationalities\":[\"afg\"]}",
                TestClient.FLIGHT_OPERATIONS).andExpect(field("refusedNationalities[0]"));
        post(path, "{\"reference\":\"QA-TR-1\",\"grantedBy\":\"QAT\",\"refusedNationalities\":[\"AFG\",\"XXX\"]}",
                TestClient.FLIGHT_OPERATIONS).andExpect(field("refusedNationalities[1]"));
        post("/stopovers/doh/transit-authorisation", "{\"reference\":\"QA-TR-1\",\"grantedBy\":\"QAT\"}",
                TestClient.FLIGHT_OPERATIONS).andExpect(status().isBadRequest());
        post(path, "{\"reference\":\"QA-TR-1\",\"grantedBy\":\"QAT\"}", TestClient.RETURN_MONITOR)
                .andExpect(status().isForbidden());
        post(path, "{\"reference\":\"QA-TR-1\",\"grantedBy\":\"QAT\"}", TestClient.PARTNER_MONITOR)
                .andExpect(status().isForbidden());
        verifyNoInteractions(flights);
    }

    @Test
    void anAssignmentNamesAClientIdAndOnlyAgenciesAssignOrBoardMonitors() throws Exception {
        post("/monitors", "{}", TestClient.FLIGHT_OPERATIONS).andExpect(field("monitorId"));
        post("/monitors", "{\"monitorId\":\"Jane Doe\"}", TestClient.FLIGHT_OPERATIONS).andExpect(field("monitorId"));
        post("/monitors/return-monitor/unassign", "{\"reason\":\"she left\"}", TestClient.FLIGHT_OPERATIONS)
                .andExpect(field("reason"));
        post("/monitors", "{\"monitorId\":\"return-monitor\"}", TestClient.RETURN_MONITOR)
                .andExpect(status().isForbidden());
        post("/monitors/return-monitor/board", "{}", TestClient.RETURN_MONITOR).andExpect(status().isForbidden());
        post("/lock-manifest", "{}", TestClient.RETURN_MONITOR).andExpect(status().isForbidden());
        verifyNoInteractions(monitors);
    }

    @Test
    void aReportHoldsCodedFindingsAboutCasesAndOnlyAMonitorFilesOne() throws Exception {
        String finding = "{\"caseId\":\"" + CASE + "\",\"code\":\"RESTRAINT_DISPROPORTIONATE\",\"severity\":\"SERIOUS\"}";
        post("/monitoring-reports", "{}", TestClient.RETURN_MONITOR).andExpect(field("findings"));
        post("/monitoring-reports", "{\"findings\":[]}", TestClient.RETURN_MONITOR).andExpect(field("findings"));
        post("/monitoring-reports", "{\"findings\":[" + finding + ",{\"code\":\"LATE\",\"severity\":\"INFO\"}]}",
                TestClient.RETURN_MONITOR).andExpect(field("findings[1].caseId"));
        post("/monitoring-reports", "{\"findings\":[{\"caseId\":\"" + CASE + "\",\"code\":\"handcuffed too tight\","
                + "\"severity\":\"SERIOUS\"}]}", TestClient.RETURN_MONITOR).andExpect(field("findings[0].code"));
        post("/monitoring-reports", "{\"findings\":[{\"caseId\":\"" + CASE + "\",\"code\":\"LATE\","
                + "\"severity\":\"CRITICAL\"}]}", TestClient.RETURN_MONITOR).andExpect(status().isBadRequest());
        post("/monitoring-reports", "{\"findings\":[{\"caseId\":\"" + CASE + "\",\"code\":\"LATE\",\"severity\":"
                + "\"INFO\",\"description\":\"<script>\"}]}", TestClient.RETURN_MONITOR)
                .andExpect(field("findings[0].description"));
        post("/monitoring-reports", "{\"findings\":[" + finding + "]}", TestClient.FLIGHT_OPERATIONS)
                .andExpect(status().isForbidden());
        verifyNoInteractions(monitors);
    }

    @Test
    void aMonitorAskingForAFlightItIsNotAssignedToGets404AndReachesNothingElse() throws Exception {
        doThrow(new NotFoundException("Flight", FLIGHT)).when(monitors).requireAssigned(eq(FLIGHT), any());

        mvc.perform(get("/api/flights/" + FLIGHT + "/manifest?purpose=monitoring")
                .with(TestClient.RETURN_MONITOR.mockMvc())).andExpect(status().isNotFound());
        mvc.perform(get("/api/flights/" + FLIGHT).with(TestClient.RETURN_MONITOR.mockMvc()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/flights/" + FLIGHT + "/manifest.csv").with(TestClient.RETURN_MONITOR.mockMvc()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/flights").with(TestClient.RETURN_MONITOR.mockMvc())).andExpect(status().isForbidden());
        verifyNoInteractions(flights);
    }

    private ResultActions post(String path, String json, TestClient client) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/flights/" + FLIGHT + path).with(client.mockMvc())
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static ResultMatcher field(String name) {
        return result -> {
            status().isBadRequest().match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.errors[0].field").value(name).match(result);
        };
    }
}
