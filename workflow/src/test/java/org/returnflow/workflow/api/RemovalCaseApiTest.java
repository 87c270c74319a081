package org.returnflow.workflow.api;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.testkit.TestClient;
import org.returnflow.workflow.domain.CaseBlocker;
import org.returnflow.workflow.domain.CaseOpening;
import org.returnflow.workflow.domain.CaseQuery;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.domain.OperationCase;
import org.returnflow.workflow.domain.RemovalCase;
import org.returnflow.workflow.domain.RemovalOperation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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

/** The workflow API over HTTP: scopes, bad input named by field, 404 and 409 as problems. */
@WebMvcTest(controllers = {RemovalCaseController.class, RemovalOperationController.class})
@Import(CaseAccessRules.class)
class RemovalCaseApiTest {

    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;
    private static final UUID DETAINEE = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-001122334455");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CaseOpening opening;
    @MockitoBean
    CaseRecords cases;
    @MockitoBean
    AuditLog audit;

    // ---- authentication and scopes ----

    @Test
    void withoutATokenEveryCallIs401Problem() throws Exception {
        mvc.perform(get("/api/removal-cases/" + UUID.randomUUID()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/removal-operations").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(opening, cases);
    }

    @Test
    void openingNeedsCasesWriteAndReadingNeedsCasesRead() throws Exception {
        mvc.perform(postJson("/api/removal-cases", openCase("IRN"), TestClient.PARTNER_MONITOR))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(postJson("/api/removal-operations", operation("IRN", List.of(DETAINEE)), TestClient.PARTNER_MONITOR))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/removal-cases").with(TestClient.DETENTION_AGENCY.mockMvc()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/removal-operations/" + UUID.randomUUID())
                        .with(AGENCY.withScopes("cases:write").mockMvc()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(opening, cases);
    }

    // ---- POST /api/removal-cases ----

    @Test
    void opensACaseAsTheCallerFromTheToken() throws Exception {
        UUID caseId = UUID.randomUUID();
        when(opening.open(DETAINEE, "IRN", null, "removal-operations")).thenReturn(caseId);

        mvc.perform(postJson("/api/removal-cases", openCase("IRN"), AGENCY).header("X-Actor", "someone-else"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/removal-cases/" + caseId))
                .andExpect(jsonPath("$.caseId").value(caseId.toString()));
    }

    @Test
    void aSecondOpenCaseForThePersonIs409Problem() throws Exception {
        when(opening.open(any(), anyString(), any(), anyString()))
                .thenThrow(new ConflictException("Detainee " + DETAINEE + " already has an open removal case", "detaineeId"));

        mvc.perform(postJson("/api/removal-cases", openCase("IRN"), AGENCY))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("detaineeId"));
    }

    @Test
    void badCaseInputIs400NamingTheField() throws Exception {
        expectBadField(postJson("/api/removal-cases", "{\"destinationCountry\":\"IRN\"}", AGENCY), "detaineeId");
        expectBadField(postJson("/api/removal-cases", openCase("XXX"), AGENCY), "destinationCountry");
        expectBadField(postJson("/api/removal-cases", openCase("irn"), AGENCY), "destinationCountry");
        expectBadField(postJson("/api/removal-cases", openCase("IR"), AGENCY), "destinationCountry");
        expectBadField(postJson("/api/removal-cases",
                "{\"detaineeId\":\"not-a-uuid\",\"destinationCountry\":\"IRN\"}", AGENCY), "detaineeId");
        expectBadField(postJson("/api/removal-cases", "{\"detaineeId\":\"" + DETAINEE
                + "\",\"destinationCountry\":\"IRN\",\"operationId\":42}", AGENCY), "operationId");
        expectBadField(postJson("/api/removal-cases", "{\"detaineeId\":\"" + DETAINEE
                + "\",\"destinationCountry\":\"IRN\",\"givenName\":\"Ali\"}", AGENCY), "givenName");
        verify(opening, never()).open(any(), any(), any(), any());
    }

    // ---- GET /api/removal-cases ----

    @Test
    void showsTheCaseWithBlockersAndHistory() throws Exception {
        UUID caseId = UUID.randomUUID();
        UUID flightId = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-20T09:00:00Z");
        when(cases.find(caseId)).thenReturn(Optional.of(new RemovalCase(caseId, DETAINEE, null, "IRN", CaseState.BOOKED,
                true, flightId, List.of(new CaseBlocker("VALID_RESIDENCE_PERMIT", "permit valid until 2027-01-31")),
                at, at, null, "LA-ASF")));
        when(cases.history(caseId)).thenReturn(List.of(
                new HistoryEntry(at, "removal-operations", "CASE_OPENED", null),
                new HistoryEntry(at, "reviewer1", "LEGAL_REVIEW_DECIDED", "PROCEED: permit revoked on appeal")));

        mvc.perform(get("/api/removal-cases/" + caseId).with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseId").value(caseId.toString()))
                .andExpect(jsonPath("$.detaineeId").value(DETAINEE.toString()))
                .andExpect(jsonPath("$.state").value("BOOKED"))
                .andExpect(jsonPath("$.voluntary").value(true))
                .andExpect(jsonPath("$.flightId").value(flightId.toString()))
                .andExpect(jsonPath("$.blockers[0].code").value("VALID_RESIDENCE_PERMIT"))
                .andExpect(jsonPath("$.history[1].actor").value("reviewer1"))
                .andExpect(jsonPath("$.history[1].kind").value("LEGAL_REVIEW_DECIDED"))
                .andExpect(jsonPath("$.history[1].at").value("2026-11-20T09:00:00Z"));
        verify(audit, never()).recordRead(anyString(), any());
    }

    @Test
    void aPartnersReadIsAudited() throws Exception {
        UUID caseId = UUID.randomUUID();
        when(cases.find(caseId)).thenReturn(Optional.of(new RemovalCase(caseId, DETAINEE, null, "IRN", CaseState.OPEN,
                null, null, List.of(), Instant.now(), Instant.now(), null, "LA-ASF")));

        mvc.perform(get("/api/removal-cases/" + caseId).param("purpose", "monitoring IRN-2026-01")
                        .with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isOk());
        verify(audit).recordRead("RemovalCase", caseId);
    }

    @Test
    void anUnknownCaseIs404Problem() throws Exception {
        UUID caseId = UUID.randomUUID();
        when(cases.find(caseId)).thenReturn(Optional.empty());

        mvc.perform(get("/api/removal-cases/" + caseId).with(AGENCY.mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString(caseId.toString())));
        expectBadField(get("/api/removal-cases/not-a-uuid").with(AGENCY.mockMvc()), "caseId");
    }

    @Test
    void listsCasesByOperationAndStateInPages() throws Exception {
        UUID operationId = UUID.randomUUID();
        CaseQuery query = new CaseQuery(CaseState.BOOKED, operationId, null, null, null, null);
        when(cases.page(query, 0, 2)).thenReturn(List.of(new RemovalCase(UUID.randomUUID(),
                DETAINEE, operationId, "IRN", CaseState.BOOKED, false, null, List.of(), Instant.now(), Instant.now(), null,
                "LA-ASF")));
        when(cases.count(query)).thenReturn(3L);

        mvc.perform(get("/api/removal-cases").param("operationId", operationId.toString()).param("state", "BOOKED")
                        .param("size", "2").with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].detaineeId").value(DETAINEE.toString()))
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.totalPages").value(2));

        expectBadField(get("/api/removal-cases").param("size", "101").with(AGENCY.mockMvc()), "size");
        expectBadField(get("/api/removal-cases").param("state", "LOST").with(AGENCY.mockMvc()), "state");
        expectBadField(get("/api/removal-cases").param("operationId", "op-1").with(AGENCY.mockMvc()), "operationId");
    }

    // ---- operations ----

    @Test
    void acceptsAnOperationOf400PeopleAndReportsEachPerson() throws Exception {
        List<UUID> people = IntStream.range(0, 400).mapToObj(i -> UUID.randomUUID()).toList();
        List<OperationCase> outcome = new ArrayList<>();
        for (UUID p : people) {
            outcome.add(new OperationCase(p, UUID.randomUUID(), OperationCase.Outcome.ACCEPTED));
        }
        outcome.set(7, new OperationCase(people.get(7), UUID.randomUUID(), OperationCase.Outcome.REFUSED_OPEN_CASE));
        when(opening.openOperation(any(), eq("IRN-2026-01"), eq("IRN"), eq(people), eq("removal-operations")))
                .thenReturn(outcome);

        mvc.perform(postJson("/api/removal-operations", operation("IRN", people), AGENCY))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", containsString("/api/removal-operations/")))
                .andExpect(jsonPath("$.operationId").isNotEmpty())
                .andExpect(jsonPath("$.cases.length()").value(400))
                .andExpect(jsonPath("$.cases[0].status").value("ACCEPTED"))
                .andExpect(jsonPath("$.cases[7].status").value("REFUSED_OPEN_CASE"));
    }

    @Test
    void badOperationInputIs400NamingTheField() throws Exception {
        expectBadField(postJson("/api/removal-operations", operation("IRN", List.of()), AGENCY), "detaineeIds");
        expectBadField(postJson("/api/removal-operations", operation("IRN",
                IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID()).toList()), AGENCY), "detaineeIds");
        expectBadField(postJson("/api/removal-operations", operation("IRN", List.of(DETAINEE, DETAINEE)), AGENCY),
                "detaineeIds");
        expectBadField(postJson("/api/removal-operations", operation("PTYY", List.of(DETAINEE)), AGENCY),
                "destinationCountry");
        expectBadField(postJson("/api/removal-operations",
                "{\"name\":\" \",\"destinationCountry\":\"PAN\",\"detaineeIds\":[\"" + DETAINEE + "\"]}", AGENCY), "name");
        expectBadField(postJson("/api/removal-operations",
                "{\"name\":\"op\",\"destinationCountry\":\"PAN\",\"detaineeIds\":[null]}", AGENCY), "detaineeIds[0]");
        verify(opening, never()).openOperation(any(), any(), any(), anyList(), any());
    }

    @Test
    void showsAnOperationsCountsByStateAnd404ForAnUnknownOne() throws Exception {
        UUID operationId = UUID.randomUUID();
        when(opening.operation(operationId)).thenReturn(Optional.of(new RemovalOperation(operationId, "IRN-2026-01",
                "IRN", Instant.now(), "removal-operations", 5,
                Map.of(CaseState.BOOKED, 3L, CaseState.LEGAL_REVIEW, 2L))));
        when(opening.operation(isNull())).thenReturn(Optional.empty());

        mvc.perform(get("/api/removal-operations/" + operationId).with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(operationId.toString()))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.byState.BOOKED").value(3))
                .andExpect(jsonPath("$.byState.LEGAL_REVIEW").value(2));
        mvc.perform(get("/api/removal-operations/" + UUID.randomUUID()).with(AGENCY.mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // ----

    private ResultActions expectBadField(org.springframework.test.web.servlet.RequestBuilder request, String field)
            throws Exception {
        return mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder postJson(
            String path, String json, TestClient client) {
        return post(path).with(client.mockMvc()).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private static String openCase(String country) {
        return "{\"detaineeId\":\"" + DETAINEE + "\",\"destinationCountry\":\"" + country + "\"}";
    }

    private static String operation(String country, List<UUID> people) {
        return "{\"name\":\"IRN-2026-01\",\"destinationCountry\":\"" + country + "\",\"detaineeIds\":["
                + people.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",")) + "]}";
    }
}
