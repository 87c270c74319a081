package org.returnflow.flight.api;

import org.junit.jupiter.api.Test;
import org.returnflow.flight.config.FlightAccessRules;
import org.returnflow.flight.domain.Flight;
import org.returnflow.flight.domain.FlightPlan;
import org.returnflow.flight.domain.FlightStatus;
import org.returnflow.flight.domain.Flights;
import org.returnflow.flight.domain.IllegalFlightTransition;
import org.returnflow.flight.domain.Stopover;
import org.returnflow.flight.domain.Monitors;
import org.returnflow.platform.audit.AuditLog;
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

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
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

/** The flight API's answers to bad input and to callers without the right token. */
@WebMvcTest(controllers = FlightController.class)
@Import(FlightAccessRules.class)
class FlightControllerTest {

    static final Instant DEPARTURE = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Flights flights;
    @MockitoBean
    Monitors monitors;
    @MockitoBean
    AuditLog audit;

    @Test
    void schedulesTheReferenceFlight() throws Exception {
        when(flights.schedule(any())).thenAnswer(call -> new Flight(UUID.randomUUID(), call.getArgument(0),
                Instant.now()));
        postFlight(body("AEX", DEPARTURE, stopover("DOH", 14, 16), 125, 5))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/flights/")))
                .andExpect(jsonPath("$.seatsForReturnees").value(120))
                .andExpect(jsonPath("$.seatsAvailable").value(120))
                .andExpect(jsonPath("$.stopovers[0].airport").value("DOH"))
                .andExpect(jsonPath("$.status").value("SCHEDULED"));
    }

    @Test
    void stopoversOutOfOrderAre400NamingTheStop() throws Exception {
        String stops = stopover("DOH", 10, 12) + "," + stopover("PTY", 11, 13);
        postFlight(body("AEX", DEPARTURE, stops, 125, 5))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("stopovers[1].arriveAt"));
        verifyNoInteractions(flights);
    }

    @Test
    void escortSeatsNotBelowCapacityAre400() throws Exception {
        postFlight(body("AEX", DEPARTURE, "", 125, 125))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("escortSeats"))
                .andExpect(jsonPath("$.detail", containsString("less than seatCapacity")));
        verifyNoInteractions(flights);
    }

    @Test
    void aBadIataCodeIs400() throws Exception {
        postFlight(body("AEXX", DEPARTURE, "", 125, 5))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("departureAirport"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("IATA")));
        postFlight(body("AEX", DEPARTURE, stopover("do1", 14, 16), 125, 5))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("stopovers[0].airport"));
        verifyNoInteractions(flights);
    }

    @Test
    void aDepartureInThePastIs400() throws Exception {
        postFlight(body("AEX", Instant.now().minus(1, ChronoUnit.DAYS), "", 125, 5))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("departureAt"));
        verifyNoInteractions(flights);
    }

    @Test
    void anUnknownDestinationCountryIs400() throws Exception {
        postFlight(body("AEX", DEPARTURE, "", 125, 5).replace("\"IRN\"", "\"XYZ\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("destinationCountry"));
    }

    @Test
    void noTokenIs401Problem() throws Exception {
        mvc.perform(get("/api/flights"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/flights").contentType(MediaType.APPLICATION_JSON)
                        .content(body("AEX", DEPARTURE, "", 125, 5)))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(flights);
    }

    @Test
    void aReadOnlyScopeCannotChangeFlights() throws Exception {
        mvc.perform(post("/api/flights").with(TestClient.PARTNER_MONITOR.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content(body("AEX", DEPARTURE, "", 125, 5)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/flights/" + UUID.randomUUID() + "/cancel").with(TestClient.PARTNER_MONITOR.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"WEATHER\"}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(flights);
    }

    @Test
    void anotherServicesScopeCannotReadFlights() throws Exception {
        mvc.perform(get("/api/flights").with(TestClient.DETENTION_AGENCY.mockMvc()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/flights").with(TestClient.FLIGHT_OPERATIONS.withScopes("flights:manage").mockMvc()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(flights);
    }

    @Test
    void aCancelReasonMustBeAnUpperCaseCode() throws Exception {
        UUID id = UUID.randomUUID();
        mvc.perform(post("/api/flights/" + id + "/cancel").with(TestClient.FLIGHT_OPERATIONS.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"the plane broke\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        verify(flights, never()).cancel(any(), any(), any());
    }

    @Test
    void anIllegalTransitionIs409NamingTheCurrentStatus() throws Exception {
        UUID id = UUID.randomUUID();
        when(flights.depart(id)).thenThrow(new IllegalFlightTransition("RF101", FlightStatus.DEPARTED, "depart"));
        mvc.perform(post("/api/flights/" + id + "/depart").with(TestClient.FLIGHT_OPERATIONS.mockMvc()))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("is DEPARTED")));
    }

    @Test
    void handoverNeedsTheReceivingOfficial() throws Exception {
        mvc.perform(post("/api/flights/" + UUID.randomUUID() + "/manifest/" + UUID.randomUUID() + "/handover")
                        .with(TestClient.FLIGHT_OPERATIONS.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("receivedBy"));
        verify(flights, never()).handOver(any(), any(), any());
    }

    @Test
    void aPartnerReadsTheManifestWithCaseIdsAndSeatsOnlyAndIsAudited() throws Exception {
        Flight flight = new Flight(UUID.randomUUID(), new FlightPlan("RF101", "Op", "AEX", DEPARTURE,
                List.of(new Stopover("DOH", DEPARTURE.plusSeconds(3600), DEPARTURE.plusSeconds(7200))), "IKA", "IRN",
                125, 5), Instant.now());
        when(flights.manifest(eq(flight.getId()))).thenReturn(new Flights.Manifest(flight, List.of(), List.of()));
        mvc.perform(get("/api/flights/" + flight.getId() + "/manifest").param("purpose", "monitoring")
                        .with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seatsForReturnees").value(120))
                .andExpect(jsonPath("$.activeCount").value(0))
                .andExpect(jsonPath("$.utilization").value(0.0));
        verify(audit).recordRead("FLIGHT_MANIFEST", flight.getId());
    }

    @Test
    void aPageLargerThanTheMaximumIs400() throws Exception {
        mvc.perform(get("/api/flights").param("size", "1000").with(TestClient.FLIGHT_OPERATIONS.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    private ResultActions postFlight(String json) throws Exception {
        return mvc.perform(post("/api/flights").with(TestClient.FLIGHT_OPERATIONS.mockMvc())
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    static String stopover(String airport, int arriveHours, int departHours) {
        return "{\"airport\":\"" + airport + "\",\"arriveAt\":\"" + DEPARTURE.plus(arriveHours, ChronoUnit.HOURS)
                + "\",\"departAt\":\"" + DEPARTURE.plus(departHours, ChronoUnit.HOURS) + "\"}";
    }

    static String body(String departureAirport, Instant departureAt, String stopovers, int seats, int escorts) {
        return """
                {"flightNumber":"RF101","operator":"Global Crossing Airlines","departureAirport":"%s",
                 "departureAt":"%s","stopovers":[%s],"arrivalAirport":"IKA","destinationCountry":"IRN",
                 "seatCapacity":%d,"escortSeats":%d}""".formatted(departureAirport, departureAt, stopovers, seats, escorts);
    }
}
