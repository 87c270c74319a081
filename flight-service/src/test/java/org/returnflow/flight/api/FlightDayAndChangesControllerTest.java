package org.returnflow.flight.api;

import org.junit.jupiter.api.Test;
import org.returnflow.flight.config.FlightAccessRules;
import org.returnflow.flight.domain.CarrierManifest;
import org.returnflow.flight.domain.FlightStatus;
import org.returnflow.flight.domain.Flights;
import org.returnflow.flight.domain.IllegalFlightTransition;
import org.returnflow.flight.domain.ManifestEntry;
import org.returnflow.flight.domain.ManifestPapers;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Flight changes, flight day in bulk and the papers over HTTP: bad input is a 400 naming the field
 * and changes nothing, a partner or another service's token cannot change flights, and a bulk
 * answers every item even when some are refused.
 */
@WebMvcTest(controllers = {FlightChangeController.class, FlightDayController.class, ManifestPapersController.class})
@Import(FlightAccessRules.class)
class FlightDayAndChangesControllerTest {

    static final UUID FLIGHT = UUID.randomUUID();
    static final UUID CASE = UUID.randomUUID();
    static final String FUTURE = Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Flights flights;
    @MockitoBean
    ManifestPapers papers;
    @MockitoBean
    AuditLog audit;

    @Test
    void aRescheduleNeedsAFutureDepartureAndAReasonCode() throws Exception {
        postAs("/reschedule", "{\"reason\":\"WEATHER\"}").andExpect(field("departureAt"));
        postAs("/reschedule", "{\"departureAt\":\"2020-01-01T00:00:00Z\",\"reason\":\"WEATHER\"}")
                .andExpect(field("departureAt"));
        postAs("/reschedule", "{\"departureAt\":\"" + FUTURE + "\"}").andExpect(field("reason"));
        postAs("/reschedule", "{\"departureAt\":\"" + FUTURE + "\",\"reason\":\"fog over Doha\"}")
                .andExpect(field("reason"));
        postAs("/reschedule", "{\"departureAt\":\"tomorrow\",\"reason\":\"WEATHER\"}").andExpect(field("departureAt"));
        postAs("/reschedule", "{\"departureAt\":\"" + FUTURE + "\",\"reason\":\"WEATHER\",\"stopovers\":"
                + "[{\"airport\":\"do1\",\"arriveAt\":\"" + FUTURE + "\",\"departAt\":\"" + FUTURE + "\"}]}")
                .andExpect(field("stopovers[0].airport"));
        verifyNoInteractions(flights);
    }

    @Test
    void aRescheduleOfADepartedFlightIs409NamingTheStatus() throws Exception {
        when(flights.reschedule(eq(FLIGHT), any(), any(), any(), any()))
                .thenThrow(new IllegalFlightTransition("RF101", FlightStatus.DEPARTED, "be rescheduled"));
        postAs("/reschedule", "{\"departureAt\":\"" + FUTURE + "\",\"reason\":\"WEATHER\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("is DEPARTED")));
    }

    @Test
    void anOffloadAndAMoveNeedAReasonCodeAndAMoveAFlight() throws Exception {
        String entry = "/manifest/" + CASE;
        postAs(entry + "/offload", "{}").andExpect(field("reason"));
        postAs(entry + "/offload", "{\"reason\":\"He was sick\"}").andExpect(field("reason"));
        postAs(entry + "/move", "{\"reason\":\"LOAD_BALANCING\"}").andExpect(field("toFlightId"));
        postAs(entry + "/move", "{\"toFlightId\":\"RF102\",\"reason\":\"LOAD_BALANCING\"}").andExpect(field("toFlightId"));
        postAs(entry + "/move", "{\"toFlightId\":\"" + UUID.randomUUID() + "\"}").andExpect(field("reason"));
        mvc.perform(post("/api/flights/" + FLIGHT + "/manifest/not-a-case/offload")
                        .with(TestClient.FLIGHT_OPERATIONS.mockMvc()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"MEDICAL_UNFIT\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("caseId"));
        verifyNoInteractions(flights);
    }

    @Test
    void onlyFlightsManageChangesFlights() throws Exception {
        for (TestClient client : List.of(TestClient.PARTNER_MONITOR, TestClient.DETENTION_AGENCY,
                TestClient.FLIGHT_OPERATIONS.withScopes("flights:read"))) {
            for (String path : List.of("/reschedule", "/manifest/" + CASE + "/offload", "/manifest/" + CASE + "/move",
                    "/board", "/handover", "/manifest.pdf")) {
                mvc.perform(post("/api/flights/" + FLIGHT + path).with(client.mockMvc())
                                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                        .andExpect(status().isForbidden())
                        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            }
        }
        mvc.perform(post("/api/flights/" + FLIGHT + "/board").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(flights, papers);
    }

    @Test
    void aBulkIsBetweenOneAndFiveHundredWellFormedItems() throws Exception {
        postAs("/board", "{}").andExpect(field("items"));
        postAs("/board", "{\"items\":[]}").andExpect(field("items"));
        postAs("/board", "{\"items\":[" + IntStream.range(0, 501).mapToObj(i -> "{\"caseId\":\"" + UUID.randomUUID()
                + "\"}").collect(Collectors.joining(",")) + "]}").andExpect(field("items"));
        postAs("/board", "{\"items\":[{\"caseId\":\"" + CASE + "\"},{}]}").andExpect(field("items[1].caseId"));
        postAs("/handover", "{\"items\":[{\"caseId\":\"" + CASE + "\",\"receivedBy\":\"Officer R. Karimi\"},"
                + "{\"caseId\":\"" + UUID.randomUUID() + "\",\"receivedBy\":\" \"}]}")
                .andExpect(field("items[1].receivedBy"));
        verifyNoInteractions(flights);
    }

    @Test
    void aBulkAnswersEveryItemInOrderAndARefusalDoesNotStopTheRest() throws Exception {
        UUID struck = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        UUID again = UUID.randomUUID();
        ManifestEntry entry = new ManifestEntry(FLIGHT, CASE, 1, "1F", Instant.now(), null, null, null);
        when(flights.board(FLIGHT, CASE, true)).thenReturn(new Flights.Step(entry, true));
        when(flights.board(FLIGHT, struck, true)).thenThrow(new ConflictException("Case was struck (OFFLOADED)"));
        when(flights.board(FLIGHT, unknown, true)).thenThrow(new NotFoundException("Active manifest entry", unknown));
        when(flights.board(FLIGHT, again, true)).thenReturn(new Flights.Step(entry, false));

        postAs("/board", "{\"items\":[{\"caseId\":\"" + CASE + "\"},{\"caseId\":\"" + struck + "\"},{\"caseId\":\""
                + unknown + "\"},{\"caseId\":\"" + again + "\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.done").value(2))
                .andExpect(jsonPath("$.refused").value(2))
                .andExpect(jsonPath("$.results[0].status").value("DONE"))
                .andExpect(jsonPath("$.results[0].changed").value(true))
                .andExpect(jsonPath("$.results[1].caseId").value(struck.toString()))
                .andExpect(jsonPath("$.results[1].status").value("REFUSED"))
                .andExpect(jsonPath("$.results[1].problem.status").value(409))
                .andExpect(jsonPath("$.results[1].problem.detail", containsString("OFFLOADED")))
                .andExpect(jsonPath("$.results[2].problem.status").value(404))
                .andExpect(jsonPath("$.results[3].status").value("DONE"))
                .andExpect(jsonPath("$.results[3].changed").value(false));
    }

    @Test
    void aBulkOnAnUnknownFlightIs404AndTouchesNoEntry() throws Exception {
        when(flights.get(FLIGHT)).thenThrow(new NotFoundException("Flight", FLIGHT));
        postAs("/board", "{\"items\":[{\"caseId\":\"" + CASE + "\"}]}").andExpect(status().isNotFound());
        verify(flights, never()).board(any(), any(), anyBoolean());
    }

    @Test
    void passengerDetailsAreCodesAndNamesThatCannotActAsFormulas() throws Exception {
        postAs("/manifest.pdf", "{}").andExpect(field("passengers"));
        postAs("/manifest.pdf", "{\"passengers\":[{\"caseId\":\"" + CASE + "\",\"nationality\":\"Iran\"}]}")
                .andExpect(field("passengers[0].nationality"));
        postAs("/manifest.csv", "{\"passengers\":[{\"caseId\":\"" + CASE + "\",\"documentIssuingCountry\":\"XYZ\"}]}")
                .andExpect(field("passengers[0].documentIssuingCountry"));
        postAs("/manifest.csv", "{\"passengers\":[{\"caseId\":\"" + CASE + "\",\"familyName\":\"=HYPERLINK(1)\"}]}")
                .andExpect(field("passengers[0].familyName"));
        postAs("/manifest.csv", "{\"passengers\":[{\"caseId\":\"" + CASE + "\",\"documentNumber\":\"p 123\"}]}")
                .andExpect(field("passengers[0].documentNumber"));
        postAs("/manifest.csv", "{\"passengers\":[{\"caseNumber\":\"RF-2026-000001\"}]}")
                .andExpect(field("passengers[0].caseId"));
        verifyNoInteractions(papers);
    }

    @Test
    void thePapersAreACsvAndAPdfNamedAfterTheFlight() throws Exception {
        CarrierManifest manifest = ManifestPapersTest.manifest(3, false);
        when(papers.carrierManifest(FLIGHT, List.of())).thenReturn(manifest);

        mvc.perform(get("/api/flights/" + FLIGHT + "/manifest.csv").with(TestClient.FLIGHT_OPERATIONS.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", containsString("RF2601-2026-12-05-manifest.csv")))
                .andExpect(content().string(startsWith("seat,caseId,")));
        mvc.perform(get("/api/flights/" + FLIGHT + "/manifest.pdf").with(TestClient.PARTNER_MONITOR.mockMvc())
                        .param("purpose", "return-monitoring"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(content().string(startsWith("%PDF-")));
    }

    @Test
    void aPaperOfAnUnknownFlightIsA404Problem() throws Exception {
        when(papers.carrierManifest(eq(FLIGHT), any())).thenThrow(new NotFoundException("Flight", FLIGHT));
        mvc.perform(get("/api/flights/" + FLIGHT + "/manifest.pdf").accept(MediaType.APPLICATION_PDF)
                        .with(TestClient.FLIGHT_OPERATIONS.mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private ResultActions postAs(String path, String json) throws Exception {
        return mvc.perform(post("/api/flights/" + FLIGHT + path).with(TestClient.FLIGHT_OPERATIONS.mockMvc())
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static org.springframework.test.web.servlet.ResultMatcher field(String name) {
        return result -> {
            status().isBadRequest().match(result);
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.errors[0].field").value(name).match(result);
        };
    }
}
