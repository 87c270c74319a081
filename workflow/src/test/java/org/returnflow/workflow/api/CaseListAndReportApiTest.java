package org.returnflow.workflow.api;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.testkit.TestClient;
import org.returnflow.workflow.domain.CaseOpening;
import org.returnflow.workflow.domain.CaseQuery;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.domain.RemovalCase;
import org.returnflow.workflow.domain.RemovalOperation;
import org.returnflow.workflow.domain.RemovalOperations;
import org.returnflow.workflow.domain.report.OperationReports;
import org.returnflow.workflow.domain.report.ReportSamples;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Finding cases and reading operations over HTTP: every filter validated and named when wrong, the
 * caller's facilities applied, and the report in JSON, CSV (which parses) and PDF (which PDFBox reads back).
 */
@WebMvcTest(controllers = {RemovalCaseController.class, OperationOverviewController.class})
@Import(CaseAccessRules.class)
class CaseListAndReportApiTest {

    private static final TestClient AGENCY = TestClient.REMOVAL_OPERATIONS;
    private static final UUID OPERATION = ReportSamples.OPERATION;

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CaseOpening opening;
    @MockitoBean
    CaseRecords cases;
    @MockitoBean
    AuditLog audit;
    @MockitoBean
    RemovalOperations operations;
    @MockitoBean
    OperationReports reports;

    // ---- GET /api/removal-cases ----

    @Test
    void everyFilterReachesTheQuery() throws Exception {
        UUID flightId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        CaseQuery query = new CaseQuery(CaseState.NOTIFIED, OPERATION, flightId, "ACTIVE_LEGAL_HOLD", "LA-ASF", null);
        when(cases.page(query, 1, 50)).thenReturn(List.of(aCase(caseId, "LA-ASF")));
        when(cases.count(query)).thenReturn(51L);

        mvc.perform(get("/api/removal-cases").param("state", "NOTIFIED").param("operationId", OPERATION.toString())
                        .param("flightId", flightId.toString()).param("blocker", "ACTIVE_LEGAL_HOLD")
                        .param("facility", "LA-ASF").param("page", "1").param("size", "50").with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].caseId").value(caseId.toString()))
                .andExpect(jsonPath("$.content[0].facilityCode").value("LA-ASF"))
                .andExpect(jsonPath("$.content[0].blockers[0].code").value("ACTIVE_LEGAL_HOLD"))
                .andExpect(jsonPath("$.totalElements").value(51))
                .andExpect(jsonPath("$.totalPages").value(2));
    }

    @Test
    void badFiltersAre400NamingTheFilterAndQueryNothing() throws Exception {
        expectBadField(list("state", "LOST"), "state");
        expectBadField(list("state", "booked"), "state");
        expectBadField(list("operationId", "IRN-2026-01"), "operationId");
        expectBadField(list("flightId", "RF101"), "flightId");
        expectBadField(list("blocker", "NO_SUCH_BLOCKER"), "blocker");
        expectBadField(list("facility", "LA ASF; drop table"), "facility");
        expectBadField(list("facility", "A-FACILITY-CODE-LONGER-THAN-20"), "facility");
        expectBadField(list("facility", " "), "facility");
        expectBadField(list("state", ""), "state");
        expectBadField(list("size", "101"), "size");
        expectBadField(list("size", "0"), "size");
        expectBadField(list("page", "-1"), "page");
        expectBadField(list("page", "1001"), "page");
        expectBadField(list("stat", "BOOKED"), "stat");
        expectBadField(get("/api/removal-cases?state=BOOKED&state=NOTIFIED").with(AGENCY.mockMvc()), "state");
        verifyNoInteractions(cases);
    }

    @Test
    void aFacilityScopedCallerListsOnlyItsFacilitiesAndCannotReadOtherCases() throws Exception {
        TestClient jena = AGENCY.atFacilities("LA-JENA");
        ArgumentCaptor<CaseQuery> query = ArgumentCaptor.forClass(CaseQuery.class);
        when(cases.page(query.capture(), eq(0), eq(20))).thenReturn(List.of());

        mvc.perform(get("/api/removal-cases").with(jena.mockMvc())).andExpect(status().isOk());
        assertThat(query.getValue().reach()).containsExactly("LA-JENA");

        UUID elsewhere = UUID.randomUUID();
        UUID undescribed = UUID.randomUUID();
        UUID here = UUID.randomUUID();
        when(cases.find(elsewhere)).thenReturn(Optional.of(aCase(elsewhere, "LA-ASF")));
        when(cases.find(undescribed)).thenReturn(Optional.of(aCase(undescribed, null)));
        when(cases.find(here)).thenReturn(Optional.of(aCase(here, "LA-JENA")));
        mvc.perform(get("/api/removal-cases/" + elsewhere).with(jena.mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/removal-cases/" + undescribed).with(jena.mockMvc())).andExpect(status().isNotFound());
        mvc.perform(get("/api/removal-cases/" + here).with(jena.mockMvc())).andExpect(status().isOk());
        mvc.perform(get("/api/removal-cases/" + elsewhere).with(AGENCY.mockMvc())).andExpect(status().isOk());
    }

    // ---- GET /api/removal-operations ----

    @Test
    void listsOperationsNewestFirstWithTheirCounts() throws Exception {
        when(operations.page(0, 2)).thenReturn(List.of(
                new RemovalOperation(OPERATION, "PAN-2026-01", "PAN", Instant.parse("2026-12-01T10:00:00Z"), "removal-operations",
                        3, Map.of(CaseState.NOTIFIED, 2L, CaseState.WITHDRAWN, 1L)),
                new RemovalOperation(UUID.randomUUID(), "IRN-2026-01", "IRN", Instant.parse("2026-12-01T09:00:00Z"),
                        "removal-operations", 0, Map.of())));
        when(operations.count()).thenReturn(3L);

        mvc.perform(get("/api/removal-operations").param("size", "2").with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].name").value("PAN-2026-01"))
                .andExpect(jsonPath("$.content[0].total").value(3))
                .andExpect(jsonPath("$.content[0].byState.NOTIFIED").value(2))
                .andExpect(jsonPath("$.content[1].name").value("IRN-2026-01"))
                .andExpect(jsonPath("$.totalPages").value(2));

        expectBadField(get("/api/removal-operations").param("size", "500").with(AGENCY.mockMvc()), "size");
        expectBadField(get("/api/removal-operations").param("destination", "IRN").with(AGENCY.mockMvc()), "destination");
        mvc.perform(get("/api/removal-operations").with(TestClient.DETENTION_AGENCY.mockMvc())).andExpect(status().isForbidden());
        mvc.perform(get("/api/removal-operations")).andExpect(status().isUnauthorized());
    }

    // ---- GET /api/removal-operations/{id}/report ----

    @Test
    void theReportIsJsonByDefaultAndItsReadIsAudited() throws Exception {
        when(reports.report(OPERATION, null)).thenReturn(Optional.of(ReportSamples.report("IRN-2026-01", 0)));

        mvc.perform(get(report()).with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.operation.name").value("IRN-2026-01"))
                .andExpect(jsonPath("$.cases.byState.NOTIFIED").value(3))
                .andExpect(jsonPath("$.manifests[0].flightNumber").value("RF101"))
                .andExpect(jsonPath("$.safeguards.length()").value(10))
                .andExpect(jsonPath("$.safeguards[0].rule").value("S1"))
                .andExpect(jsonPath("$.safeguards[0].status").value("OK"))
                .andExpect(jsonPath("$.notVisible.length()").value(4));
        verify(audit).recordRead(OperationOverviewController.REPORT_SUBJECT, OPERATION);
    }

    @Test
    void theReportAsCsvParsesAndKeepsEveryValue() throws Exception {
        when(reports.report(OPERATION, null)).thenReturn(Optional.of(ReportSamples.report("=HYPERLINK(\"x\"), IRN \"01\"", 2)));

        MvcResult answer = mvc.perform(get(report()).accept("text/csv").with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString("attachment")))
                .andReturn();
        List<List<String>> table = CsvTable.parse(answer.getResponse().getContentAsString(StandardCharsets.UTF_8));

        assertThat(table.get(0)).containsExactly("section", "item", "measure", "value");
        assertThat(table).allSatisfy(row -> assertThat(row).hasSize(4));
        assertThat(table).contains(List.of("operation", "name", "", "'=HYPERLINK(\"x\"), IRN \"01\""),
                List.of("cases", "NOTIFIED", "count", "3"),
                List.of("manifests", "RF101 " + ReportSamples.FLIGHT, "released LEGAL_HOLD_PLACED", "1"),
                List.of("safeguards", "S1", "status", "FAIL"),
                List.of("safeguards", "S1", "violationCount", "2"),
                List.of("safeguards", "S1", "checked", "1 cases met an active legal hold; \"quoted\", with a comma"),
                List.of("safeguards", "S10", "status", "OK"),
                List.of("remedies", "all", "open", "1"),
                List.of("fearClaimWindows", "all", "closed", "2"),
                List.of("fearClaimWindows", "all", "casesHeldInWindow", "1"),
                List.of("monitoring", "all", "monitorsAssigned", "1"),
                List.of("monitoring", "finding RESTRAINT_DISPROPORTIONATE", "findings", "1"));
        assertThat(table).filteredOn(row -> row.get(0).equals("safeguards") && row.get(2).equals("violation")).hasSize(2);
        assertThat(table).filteredOn(row -> row.get(0).equals("safeguards") && row.get(2).equals("status")).hasSize(10);
    }

    @Test
    void theReportAsPdfIsAPdfThatSaysWhatTheJsonSays() throws Exception {
        when(reports.report(OPERATION, null)).thenReturn(Optional.of(ReportSamples.report("IRN-2026-01 عملیات", 40)));

        byte[] pdf = mvc.perform(get(report()).param("format", "pdf").with(AGENCY.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString(".pdf")))
                .andReturn().getResponse().getContentAsByteArray();

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentInformation().getTitle()).startsWith("Return operation report IRN-2026-01");
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Return operation report: IRN-2026-01 ??????", "SAFEGUARD VIOLATIONS",
                    "S1  FAIL  no seat booked and nobody boarded under an active legal hold", "S10  OK",
                    "2 opened: 0 open, 2 closed;", "RF101   AEX-DOH-IKA",
                    "2 boarded, 2 handed over", "LEGAL_HOLD_PLACED 1.", "... and 15 more (JSON or CSV)", "What the workflow cannot see",
                    "Independent monitoring", "1 monitors assigned", "RESTRAINT_DISPROPORTIONATE 1.");
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
        }
    }

    @Test
    void theFormatFollowsAcceptUnlessFormatSaysOtherwise() throws Exception {
        when(reports.report(OPERATION, null)).thenReturn(Optional.of(ReportSamples.report("IRN-2026-01", 0)));

        mvc.perform(get(report()).header(HttpHeaders.ACCEPT, "application/pdf;q=0.5, text/csv").with(AGENCY.mockMvc()))
                .andExpect(content().contentTypeCompatibleWith("text/csv"));
        mvc.perform(get(report()).header(HttpHeaders.ACCEPT, "application/pdf").with(AGENCY.mockMvc()))
                .andExpect(content().contentType(MediaType.APPLICATION_PDF));
        mvc.perform(get(report()).header(HttpHeaders.ACCEPT, "*/*").with(AGENCY.mockMvc()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get(report()).param("format", "CSV").accept(MediaType.APPLICATION_JSON).with(AGENCY.mockMvc()))
                .andExpect(content().contentTypeCompatibleWith("text/csv"));
    }

    @Test
    void aBadFormatOrAnUnknownOperationIsAProblem() throws Exception {
        expectBadField(get(report()).param("format", "xlsx").with(AGENCY.mockMvc()), "format");
        expectBadField(get(report()).param("fromat", "pdf").with(AGENCY.mockMvc()), "fromat");
        expectBadField(get("/api/removal-operations/IRN-2026-01/report").with(AGENCY.mockMvc()), "operationId");
        mvc.perform(get(report()).header(HttpHeaders.ACCEPT, "text/html").with(AGENCY.mockMvc()))
                .andExpect(status().isNotAcceptable());
        verifyNoInteractions(reports);

        when(reports.report(any(), isNull())).thenReturn(Optional.empty());
        mvc.perform(get(report()).accept("application/pdf").with(AGENCY.mockMvc()))
                .andExpect(status().isNotFound());
        verify(audit, never()).recordRead(any(), any());
    }

    @Test
    void readingAReportNeedsCasesReadAndAFacilityScopedCallerGetsItsFacilitiesOnly() throws Exception {
        mvc.perform(get(report()).with(TestClient.DETENTION_AGENCY.mockMvc())).andExpect(status().isForbidden());
        mvc.perform(get(report()).with(AGENCY.withScopes("cases:write").mockMvc())).andExpect(status().isForbidden());
        mvc.perform(get(report())).andExpect(status().isUnauthorized());
        verifyNoInteractions(reports);

        when(reports.report(eq(OPERATION), eq(Set.of("LA-JENA")))).thenReturn(Optional.of(ReportSamples.report("IRN-2026-01", 0)));
        mvc.perform(get(report()).with(AGENCY.atFacilities("LA-JENA").mockMvc())).andExpect(status().isOk());
        verify(reports).report(OPERATION, Set.of("LA-JENA"));
    }

    // ----

    private static RemovalCase aCase(UUID caseId, String facility) {
        return new RemovalCase(caseId, UUID.randomUUID(), OPERATION, "IRN", CaseState.LEGAL_REVIEW, null, null,
                List.of(new org.returnflow.workflow.domain.CaseBlocker("ACTIVE_LEGAL_HOLD", "APPEAL pending")),
                Instant.now(), Instant.now(), null, facility);
    }

    private static String report() {
        return "/api/removal-operations/" + OPERATION + "/report";
    }

    private static RequestBuilder list(String parameter, String value) {
        return get("/api/removal-cases").param(parameter, value).with(AGENCY.mockMvc());
    }

    private void expectBadField(RequestBuilder request, String field) throws Exception {
        mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }
}
