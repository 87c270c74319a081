package org.returnflow.detention.api;

import org.junit.jupiter.api.Test;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.detention.config.DetentionAccessRules;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.LegalHold;
import org.returnflow.detention.domain.MedicalClearance;
import org.returnflow.detention.domain.PropertyItem;
import org.returnflow.detention.domain.PropertyKind;
import org.returnflow.detention.domain.PropertyStatus;
import org.returnflow.detention.domain.Records;
import org.returnflow.detention.domain.ResidencePermit;
import org.returnflow.detention.domain.TravelDocument;
import org.returnflow.detention.domain.TravelDocumentKind;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
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
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Permits, holds, travel documents, clearances and property over HTTP, including bad input and security. */
@WebMvcTest(controllers = AttachedRecordsController.class)
@Import({DetentionAccessRules.class, AuditLogWithMockedStore.class})
class AttachedRecordsControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DetaineeRecords records;
    @MockitoBean
    JdbcTemplate auditJdbc;

    private final TestClient agency = TestClient.DETENTION_AGENCY;

    private Detainee stored() {
        Detainee d = Records.removable();
        when(records.find(d.id())).thenReturn(Optional.of(d));
        return d;
    }

    private ResultActions send(TestClient client, String path, String body, Object... vars) throws Exception {
        return mvc.perform(post(path, vars)
                .with(client.mockMvc()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void assertProblemNaming(ResultActions result, int status, String field) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    // ---- residence permits --------------------------------------------------------------------

    static final String PERMIT = """
            {"type":"TEMPORARY","number":"RP-77","validFrom":"2026-01-01","validUntil":"2027-01-31"}""";

    @Test
    void recordsAResidencePermit() throws Exception {
        Detainee d = stored();
        ResidencePermit permit = Records.permit(d, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 31));
        when(records.addResidencePermit(d.id(), "TEMPORARY", "RP-77", LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 1, 31))).thenReturn(permit);

        send(agency, "/api/detainees/{id}/residence-permits", PERMIT, d.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(permit.id().toString()))
                .andExpect(jsonPath("$.validUntil").value("2027-01-31"));
    }

    @Test
    void aPermitValidUntilBeforeValidFromIsRefused() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/residence-permits",
                PERMIT.replace("2027-01-31", "2025-12-31"), d.id()), 400, "validUntil");
        assertProblemNaming(send(agency, "/api/detainees/{id}/residence-permits",
                PERMIT.replace("\"RP-77\"", "null"), d.id()), 400, "number");
        verify(records, never()).addResidencePermit(any(), any(), any(), any(), any());
    }

    @Test
    void aPermitForAnUnknownDetaineeIs404() throws Exception {
        send(agency, "/api/detainees/{id}/residence-permits", PERMIT, UUID.randomUUID())
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verify(records, never()).addResidencePermit(any(), any(), any(), any(), any());
    }

    // ---- legal holds --------------------------------------------------------------------------

    @Test
    void placesAHold() throws Exception {
        Detainee d = stored();
        LegalHold hold = Records.hold(d, LegalHoldKind.APPEAL);
        when(records.placeHold(d.id(), LegalHoldKind.APPEAL, "A-123-456")).thenReturn(hold);

        send(agency, "/api/detainees/{id}/legal-holds", "{\"kind\":\"APPEAL\",\"reference\":\"A-123-456\"}", d.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(hold.id().toString()))
                .andExpect(jsonPath("$.kind").value("APPEAL"))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.placedBy").value("detention-agency"));
    }

    @Test
    void anUnknownHoldKindIsRefusedNamingKind() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/legal-holds",
                "{\"kind\":\"PRAYER\",\"reference\":\"A-1\"}", d.id()), 400, "kind");
        verify(records, never()).placeHold(any(), any(), any());
    }

    @Test
    void aHoldOnADetaineeOutsideTheCallersFacilitiesIsNotFoundAndNotPlaced() throws Exception {
        Detainee d = stored();
        send(agency.atFacilities("LA-RICH"), "/api/detainees/{id}/legal-holds",
                "{\"kind\":\"APPEAL\",\"reference\":\"A-1\"}", d.id())
                .andExpect(status().isNotFound());
        verify(records, never()).placeHold(any(), any(), any());
    }

    @Test
    void writingNeedsATokenWithTheWriteScope() throws Exception {
        Detainee d = stored();
        mvc.perform(post("/api/detainees/{id}/legal-holds", d.id()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"APPEAL\",\"reference\":\"A-1\"}"))
                .andExpect(status().isUnauthorized());
        send(TestClient.PARTNER_MONITOR, "/api/detainees/{id}/legal-holds",
                "{\"kind\":\"APPEAL\",\"reference\":\"A-1\"}", d.id())
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verify(records, never()).placeHold(any(), any(), any());
    }

    @Test
    void liftsAHold() throws Exception {
        Detainee d = stored();
        LegalHold hold = Records.hold(d, LegalHoldKind.APPEAL);
        Records.lift(hold);
        when(records.liftHold(d.id(), hold.id(), "Appeal dismissed")).thenReturn(hold);

        send(agency, "/api/detainees/{id}/legal-holds/{holdId}/lift", "{\"reason\":\"Appeal dismissed\"}", d.id(),
                hold.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false))
                .andExpect(jsonPath("$.liftReason").value("Appeal dismissed"))
                .andExpect(jsonPath("$.liftedBy").value("detention-agency"));
    }

    @Test
    void liftingNeedsAReasonAndAHoldLiftedAlreadyIs409() throws Exception {
        Detainee d = stored();
        UUID holdId = UUID.randomUUID();
        assertProblemNaming(send(agency, "/api/detainees/{id}/legal-holds/{holdId}/lift", "{\"reason\":\"\"}",
                d.id(), holdId), 400, "reason");
        when(records.liftHold(d.id(), holdId, "again")).thenThrow(new ConflictException("lifted already"));
        send(agency, "/api/detainees/{id}/legal-holds/{holdId}/lift", "{\"reason\":\"again\"}", d.id(), holdId)
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // ---- travel documents ---------------------------------------------------------------------

    static final String DOCUMENT = """
            {"kind":"PASSPORT","number":"P123","issuingCountry":"IRN","validUntil":"2030-01-01"}""";

    @Test
    void recordsATravelDocument() throws Exception {
        Detainee d = stored();
        TravelDocument document = d.travelDocuments().get(0);
        when(records.addTravelDocument(d.id(), TravelDocumentKind.PASSPORT, "P123", "IRN", LocalDate.of(2030, 1, 1)))
                .thenReturn(document);

        send(agency, "/api/detainees/{id}/travel-documents", DOCUMENT, d.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(document.id().toString()))
                .andExpect(jsonPath("$.kind").value("PASSPORT"));
    }

    @Test
    void aBadIssuingCountryOrDocumentKindIsRefused() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/travel-documents",
                DOCUMENT.replace("\"IRN\"", "\"ZZZ\""), d.id()), 400, "issuingCountry");
        assertProblemNaming(send(agency, "/api/detainees/{id}/travel-documents",
                DOCUMENT.replace("PASSPORT", "LIBRARY_CARD"), d.id()), 400, "kind");
        verify(records, never()).addTravelDocument(any(), any(), any(), any(), any());
    }

    // ---- medical clearances -------------------------------------------------------------------

    static final String CLEARANCE = """
            {"fitToFly":true,"assessedOn":"2026-01-10","validUntil":"2026-12-31"}""";

    @Test
    void recordsAMedicalClearance() throws Exception {
        Detainee d = stored();
        MedicalClearance clearance = d.medicalClearances().get(0);
        when(records.addMedicalClearance(d.id(), true, LocalDate.of(2026, 1, 10), LocalDate.of(2026, 12, 31)))
                .thenReturn(clearance);

        send(agency, "/api/detainees/{id}/medical-clearances", CLEARANCE, d.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.fitToFly").value(true));
    }

    @Test
    void aClearanceValidUntilBeforeItsAssessmentOrWithoutFitToFlyIsRefused() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/medical-clearances",
                CLEARANCE.replace("2026-12-31", "2026-01-09"), d.id()), 400, "validUntil");
        assertProblemNaming(send(agency, "/api/detainees/{id}/medical-clearances",
                CLEARANCE.replace("\"fitToFly\":true,", ""), d.id()), 400, "fitToFly");
        assertProblemNaming(send(agency, "/api/detainees/{id}/medical-clearances",
                CLEARANCE.replace("true", "\"maybe\""), d.id()), 400, "fitToFly");
        verify(records, never()).addMedicalClearance(any(), org.mockito.ArgumentMatchers.anyBoolean(), any(), any());
    }

    // ---- property -----------------------------------------------------------------------------

    @Test
    void takesPropertyIntoSafekeepingAndPacksAndReturnsIt() throws Exception {
        Detainee d = stored();
        PropertyItem item = Records.item(d, PropertyKind.ID_DOCUMENT);
        when(records.addProperty(d.id(), PropertyKind.ID_DOCUMENT, "Passport")).thenReturn(item);

        send(agency, "/api/detainees/{id}/property", "{\"description\":\"Passport\",\"kind\":\"ID_DOCUMENT\"}", d.id())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("HELD"));

        Records.move(item, PropertyStatus.PACKED);
        when(records.moveProperty(d.id(), item.id(), PropertyStatus.PACKED)).thenReturn(item);
        mvc.perform(post("/api/detainees/{id}/property/{itemId}/packed", d.id(), item.id()).with(agency.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PACKED"));

        when(records.moveProperty(d.id(), item.id(), PropertyStatus.RETURNED))
                .thenThrow(new NotFoundException("Property item", item.id()));
        mvc.perform(post("/api/detainees/{id}/property/{itemId}/returned", d.id(), item.id()).with(agency.mockMvc()))
                .andExpect(status().isNotFound());
    }

    @Test
    void anUnknownPropertyKindOrABadItemIdIsRefused() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/property",
                "{\"description\":\"Bag\",\"kind\":\"CAR\"}", d.id()), 400, "kind");
        assertProblemNaming(send(agency, "/api/detainees/{id}/property", "{\"kind\":\"LUGGAGE\"}", d.id()), 400,
                "description");
        assertProblemNaming(mvc.perform(post("/api/detainees/{id}/property/{itemId}/packed", d.id(), "bag-1")
                .with(agency.mockMvc())), 400, "itemId");
        assertProblemNaming(mvc.perform(post("/api/detainees/{id}/property/{itemId}/returned", d.id(), "bag-1")
                .with(agency.mockMvc())), 400, "itemId");
        verify(records, never()).addProperty(any(), any(), any());
        verify(records, never()).moveProperty(any(), any(), any());
    }
}
