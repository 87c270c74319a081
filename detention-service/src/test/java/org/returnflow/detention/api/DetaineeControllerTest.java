package org.returnflow.detention.api;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.returnflow.detention.domain.Blocker;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.detention.config.DetentionAccessRules;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeFilter;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.DuplicateDetaineeException;
import org.returnflow.detention.domain.Eligibility;
import org.returnflow.detention.domain.ExternalId;
import org.returnflow.detention.domain.NameKey;
import org.returnflow.detention.domain.Records;
import org.returnflow.detention.domain.Registration;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
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

/** Registering, reading, listing, eligibility and guardians over HTTP, including bad input and security. */
@WebMvcTest(controllers = DetaineeController.class)
@Import({DetentionAccessRules.class, AuditLogWithMockedStore.class})
class DetaineeControllerTest {

    static final String VALID = """
            {"givenName":"Dariush","familyName":"Karimi","dateOfBirth":"1990-06-15","nationality":"IRN",
             "preferredLanguage":"fa","facilityCode":"LA-JENA","detainedSince":"2026-03-01",
             "counsel":{"name":"Counsel of Record","email":"counsel@law.example"},
             "removalOrder":{"issuedOn":"2026-04-02","isFinal":true}}""";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DetaineeRecords records;
    @MockitoBean
    JdbcTemplate auditJdbc;

    private final TestClient agency = TestClient.DETENTION_AGENCY;

    private ResultActions register(TestClient client, String body) throws Exception {
        return mvc.perform(post("/api/detainees").with(client.mockMvc())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void assertProblemNaming(ResultActions result, int status, String field) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private Detainee stored() {
        Detainee d = Records.removable();
        when(records.find(d.id())).thenReturn(Optional.of(d));
        return d;
    }

    // ---- POST /api/detainees ------------------------------------------------------------------

    @Test
    void registersAndAnswers201WithIdAndCaseNumber() throws Exception {
        Detainee d = Records.removable();
        when(records.register(any())).thenReturn(d);

        register(agency, VALID)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/detainees/" + d.id()))
                .andExpect(jsonPath("$.id").value(d.id().toString()))
                .andExpect(jsonPath("$.caseNumber").value("RF-2026-000001"));

        ArgumentCaptor<Registration> registration = ArgumentCaptor.forClass(Registration.class);
        verify(records).register(registration.capture());
        assertThat(registration.getValue()).isEqualTo(new Registration("Dariush", "Karimi", LocalDate.of(1990, 6, 15),
                "IRN", "fa", "LA-JENA", LocalDate.of(2026, 3, 1), "Counsel of Record", "counsel@law.example",
                LocalDate.of(2026, 4, 2), true, null, null));
    }

    @Test
    void aBadNationalityIsRefusedNamingNationalityAndNothingIsStored() throws Exception {
        assertProblemNaming(register(agency, VALID.replace("\"IRN\"", "\"XYZ\"")), 400, "nationality");
        assertProblemNaming(register(agency, VALID.replace("\"IRN\"", "\"ir\"")), 400, "nationality");
        verifyNoInteractions(records);
    }

    @Test
    void aDateOfBirthInTheFutureIsRefused() throws Exception {
        String future = LocalDate.now().plusDays(2).toString();
        assertProblemNaming(register(agency, VALID.replace("1990-06-15", future)), 400, "dateOfBirth");
        verifyNoInteractions(records);
    }

    @Test
    void aBadLanguageTagAndAMissingNameAreRefused() throws Exception {
        assertProblemNaming(register(agency, VALID.replace("\"fa\"", "\"not a tag\"")), 400, "preferredLanguage");
        assertProblemNaming(register(agency, VALID.replace("\"Dariush\"", "\"  \"")), 400, "givenName");
        assertProblemNaming(register(agency, VALID.replace("counsel@law.example", "not-an-email")), 400,
                "counsel.email");
        verifyNoInteractions(records);
    }

    @Test
    void malformedJsonIsRefusedNamingTheBody() throws Exception {
        assertProblemNaming(register(agency, "{\"givenName\": "), 400, "body");
        assertProblemNaming(register(agency, VALID.replace("\"2026-04-02\"", "\"yesterday\"")), 400,
                "removalOrder.issuedOn");
    }

    @Test
    void aClientLimitedToOtherFacilitiesCannotRegisterHere() throws Exception {
        assertProblemNaming(register(agency.atFacilities("LA-PINE"), VALID), 403, "facilityCode");
        verifyNoInteractions(records);
    }

    @Test
    void registeringNeedsATokenWithTheWriteScope() throws Exception {
        mvc.perform(post("/api/detainees").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        register(TestClient.PARTNER_MONITOR, VALID).andExpect(status().isForbidden());
        register(agency.withScopes("detention:read"), VALID).andExpect(status().isForbidden());
        verifyNoInteractions(records);
    }

    @Test
    void theSamePersonTwiceIs409NamingTheExistingRecord() throws Exception {
        UUID existing = UUID.randomUUID();
        when(records.register(any())).thenThrow(new DuplicateDetaineeException("A person with this A-NUMBER is on "
                + "record already", "externalIds.A-NUMBER", List.of(existing)));

        assertProblemNaming(register(agency, VALID.replace("\"counsel\"",
                "\"externalIds\":{\"A-NUMBER\":\"A123456789\"},\"counsel\"")), 409, "externalIds.A-NUMBER");
        register(agency, VALID).andExpect(jsonPath("$.existingId").value(existing.toString()))
                .andExpect(jsonPath("$.existingIds[0]").value(existing.toString()))
                .andExpect(jsonPath("$.type").value("https://returnflow.org/problems/conflict"));
    }

    @Test
    void externalIdsAndConfirmDistinctFromReachTheRegistration() throws Exception {
        Detainee d = Records.removable();
        UUID other = UUID.randomUUID();
        when(records.register(any())).thenReturn(d);

        register(agency, VALID.replace("\"counsel\"", "\"externalIds\":{\"A-NUMBER\":\"A-123 456\",\"FIN\":\"77\"},"
                + "\"confirmDistinctFrom\":\"" + other + "\",\"counsel\"")).andExpect(status().isCreated());

        ArgumentCaptor<Registration> registration = ArgumentCaptor.forClass(Registration.class);
        verify(records).register(registration.capture());
        assertThat(registration.getValue().externalIds()).containsExactly(new ExternalId("A-NUMBER", "A-123 456"),
                new ExternalId("FIN", "77"));
        assertThat(registration.getValue().confirmDistinctFrom()).containsExactly(other);
    }

    @Test
    void aMalformedExternalIdIsRefusedNamingIt() throws Exception {
        assertProblemNaming(register(agency, VALID.replace("\"counsel\"",
                "\"externalIds\":{\"A-NUMBER\":\"  \"},\"counsel\"")), 400, "externalIds.A-NUMBER");
        assertProblemNaming(register(agency, VALID.replace("\"counsel\"",
                "\"externalIds\":{\"a-number\":\"A1\"},\"counsel\"")), 400, "externalIds");
        assertProblemNaming(register(agency, VALID.replace("\"counsel\"",
                "\"confirmDistinctFrom\":[\"someone\"],\"counsel\"")), 400, "confirmDistinctFrom[0]");
        verifyNoInteractions(records);
    }

    // ---- GET /api/detainees/{id} --------------------------------------------------------------

    @Test
    void anAgencyReadsTheWholeRecordAndTheReadIsAudited() throws Exception {
        Detainee d = stored();

        mvc.perform(get("/api/detainees/{id}", d.id()).with(agency.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseNumber").value("RF-2026-000001"))
                .andExpect(jsonPath("$.givenName").value("Dariush"))
                .andExpect(jsonPath("$.familyName").value("Karimi"))
                .andExpect(jsonPath("$.dateOfBirth").value("1990-06-15"))
                .andExpect(jsonPath("$.counsel.email").value("counsel@law.example"))
                .andExpect(jsonPath("$.removalOrder.isFinal").value(true))
                .andExpect(jsonPath("$.custodyStatus").value("IN_CUSTODY"))
                .andExpect(jsonPath("$.travelDocuments[0].kind").value("PASSPORT"));

        verify(auditJdbc).update(anyString(), eq("detention-agency"), eq("READ"), eq("DETAINEE"),
                eq(d.id().toString()), any(), any());
    }

    @Test
    void aReadCarriesTheVersionAsETag() throws Exception {
        Detainee d = Records.atVersion(stored(), 7);
        mvc.perform(get("/api/detainees/{id}", d.id()).with(agency.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"7\""))
                .andExpect(jsonPath("$.version").value(7));
    }

    @Test
    void aPartnerReadLeavesOutNamesAndNeedsAPurposeAndIsAudited() throws Exception {
        Detainee d = stored();

        assertProblemNaming(mvc.perform(get("/api/detainees/{id}", d.id()).with(TestClient.PARTNER_MONITOR.mockMvc())),
                400, "purpose");
        verify(auditJdbc, never()).update(anyString(), any(), any(), any(), any(), any(), any());

        mvc.perform(get("/api/detainees/{id}", d.id()).param("purpose", "monitoring IRN-2026-01")
                        .with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nationality").value("IRN"))
                .andExpect(jsonPath("$.givenName").doesNotExist())
                .andExpect(jsonPath("$.familyName").doesNotExist())
                .andExpect(jsonPath("$.dateOfBirth").doesNotExist())
                .andExpect(jsonPath("$.counsel").doesNotExist())
                .andExpect(jsonPath("$.hasCounsel").value(true))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Karimi"))));

        verify(auditJdbc).update(anyString(), eq("partner-monitor"), eq("PARTNER_READ"), eq("DETAINEE"),
                eq(d.id().toString()), eq("monitoring IRN-2026-01"), any());
    }

    @Test
    void aDetaineeOutsideTheCallersFacilitiesIsNotFound() throws Exception {
        Detainee d = stored(); // held at LA-JENA

        mvc.perform(get("/api/detainees/{id}", d.id()).with(agency.atFacilities("LA-PINE").mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/detainees/{id}", d.id()).with(agency.atFacilities("LA-JENA").mockMvc()))
                .andExpect(status().isOk());
    }

    @Test
    void anUnknownDetaineeIs404AndABadIdIs400() throws Exception {
        mvc.perform(get("/api/detainees/{id}", UUID.randomUUID()).with(agency.mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertProblemNaming(mvc.perform(get("/api/detainees/not-a-uuid").with(agency.mockMvc())), 400, "id");
    }

    @Test
    void readingNeedsTheReadScope() throws Exception {
        Detainee d = stored();
        mvc.perform(get("/api/detainees/{id}", d.id())).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/detainees/{id}", d.id()).with(agency.withScopes("consent:read").mockMvc()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // ---- GET /api/detainees ------------------------------------------------------------------

    @Test
    void listsPagedAndFilteredWithinTheCallersFacilities() throws Exception {
        Detainee d = Records.removable();
        when(records.list(any(), any())).thenReturn(new PageImpl<>(List.of(d), PageRequest.of(1, 5), 6));

        mvc.perform(get("/api/detainees").param("nationality", "IRN").param("status", "IN_CUSTODY")
                        .param("page", "1").param("size", "5").with(agency.atFacilities("LA-JENA").mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value(d.id().toString()))
                .andExpect(jsonPath("$.content[0].familyName").value("Karimi"))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.totalElements").value(6))
                .andExpect(jsonPath("$.totalPages").value(2));

        ArgumentCaptor<DetaineeFilter> filter = ArgumentCaptor.forClass(DetaineeFilter.class);
        ArgumentCaptor<Pageable> pageable = ArgumentCaptor.forClass(Pageable.class);
        verify(records).list(filter.capture(), pageable.capture());
        assertThat(filter.getValue()).isEqualTo(DetaineeFilter.of("IRN", null, CustodyStatus.IN_CUSTODY,
                Optional.of(Set.of("LA-JENA"))));
        assertThat(pageable.getValue().getPageNumber()).isEqualTo(1);
        assertThat(pageable.getValue().getPageSize()).isEqualTo(5);
    }

    @Test
    void findsByPhoneticNameDateOfBirthCaseNumberCaseIdAndExternalId() throws Exception {
        Detainee d = Records.removable();
        UUID caseId = UUID.randomUUID();
        when(records.list(any(), any())).thenReturn(new PageImpl<>(List.of(d), PageRequest.of(0, 20), 1));

        mvc.perform(get("/api/detainees").param("q", "Muhammad  HUSSEINI").param("dateOfBirth", "1990-06-15")
                        .param("caseNumber", " rf-2026-000001 ").param("caseId", caseId.toString())
                        .param("externalId", "A-NUMBER:a-123-456-789").with(agency.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value(d.id().toString()));

        ArgumentCaptor<DetaineeFilter> filter = ArgumentCaptor.forClass(DetaineeFilter.class);
        verify(records).list(filter.capture(), any());
        assertThat(filter.getValue().nameTerms()).isEqualTo(NameKey.queryTerms("mohammad hosseini"));
        assertThat(filter.getValue().dateOfBirth()).isEqualTo(LocalDate.of(1990, 6, 15));
        assertThat(filter.getValue().caseNumber()).isEqualTo("RF-2026-000001");
        assertThat(filter.getValue().caseId()).isEqualTo(caseId);
        assertThat(filter.getValue().externalId().key()).isEqualTo("A123456789");
        assertThat(filter.getValue().reachableFacilities()).isEmpty();
    }

    @Test
    void everyListedRecordIsAuditedAsARead() throws Exception {
        Detainee d = Records.removable();
        when(records.list(any(), any())).thenReturn(new PageImpl<>(List.of(d), PageRequest.of(0, 20), 1));

        mvc.perform(get("/api/detainees").param("q", "karimi").with(agency.mockMvc())).andExpect(status().isOk());

        verify(auditJdbc).update(anyString(), eq("detention-agency"), eq("READ"), eq("DETAINEE"),
                eq(d.id().toString()), any(), any());
    }

    @Test
    void badSearchParametersAreRefusedNamingThem() throws Exception {
        assertProblemNaming(mvc.perform(get("/api/detainees").param("q", " -- ' ").with(agency.mockMvc())), 400, "q");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("q", "a".repeat(201)).with(agency.mockMvc())), 400,
                "q");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("dateOfBirth", "15.06.1990")
                .with(agency.mockMvc())), 400, "dateOfBirth");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("caseNumber", "12345").with(agency.mockMvc())), 400,
                "caseNumber");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("caseId", "case-1").with(agency.mockMvc())), 400,
                "caseId");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("externalId", "A123456789")
                .with(agency.mockMvc())), 400, "externalId");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("externalId", "A-NUMBER:")
                .with(agency.mockMvc())), 400, "externalId");
        verifyNoInteractions(records);
    }

    @Test
    void badListParametersAreRefusedNamingThem() throws Exception {
        assertProblemNaming(mvc.perform(get("/api/detainees").param("size", "500").with(agency.mockMvc())), 400, "size");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("status", "ESCAPED").with(agency.mockMvc())), 400,
                "status");
        assertProblemNaming(mvc.perform(get("/api/detainees").param("nationality", "XX").with(agency.mockMvc())), 400,
                "nationality");
        verifyNoInteractions(records);
    }

    @Test
    void aPartnerListHasNoNamesNeedsAPurposeAndEveryListedRecordIsAudited() throws Exception {
        Detainee d = Records.removable();
        when(records.list(any(), any())).thenReturn(new PageImpl<>(List.of(d), PageRequest.of(0, 20), 1));

        assertProblemNaming(mvc.perform(get("/api/detainees").with(TestClient.PARTNER_MONITOR.mockMvc())), 400,
                "purpose");
        mvc.perform(get("/api/detainees").param("purpose", "monitoring").with(TestClient.PARTNER_MONITOR.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].nationality").value("IRN"))
                .andExpect(jsonPath("$.content[0].givenName").doesNotExist())
                .andExpect(jsonPath("$.content[0].familyName").doesNotExist());
        verify(auditJdbc).update(anyString(), eq("partner-monitor"), eq("PARTNER_READ"), eq("DETAINEE"),
                eq(d.id().toString()), eq("monitoring"), any());
    }

    // ---- GET /api/detainees/{id}/eligibility --------------------------------------------------

    @Test
    void answersEligibilityWithBlockers() throws Exception {
        Detainee d = stored();
        LocalDate on = LocalDate.of(2026, 12, 5);
        when(records.assess(d.id(), "IRN", on, EligibilityStage.FINAL)).thenReturn(new Eligibility(List.of(
                new Blocker(BlockerCode.VALID_RESIDENCE_PERMIT, "Residence permit valid until 2027-01-01"))));

        mvc.perform(get("/api/detainees/{id}/eligibility", d.id()).param("destination", "IRN")
                        .param("on", "2026-12-05").param("stage", "FINAL").with(agency.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eligible").value(false))
                .andExpect(jsonPath("$.blockers[0].code").value("VALID_RESIDENCE_PERMIT"))
                .andExpect(jsonPath("$.blockers[0].detail").value("Residence permit valid until 2027-01-01"));
    }

    @Test
    void eligibilityDefaultsToTheInitialStage() throws Exception {
        Detainee d = stored();
        when(records.assess(d.id(), "IRN", LocalDate.of(2026, 12, 5), EligibilityStage.INITIAL))
                .thenReturn(new Eligibility(List.of()));

        mvc.perform(get("/api/detainees/{id}/eligibility", d.id()).param("destination", "IRN")
                        .param("on", "2026-12-05").with(agency.mockMvc()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eligible").value(true))
                .andExpect(jsonPath("$.blockers").isEmpty());
    }

    @Test
    void badEligibilityParametersAreRefusedNamingThem() throws Exception {
        Detainee d = stored();
        assertProblemNaming(mvc.perform(get("/api/detainees/{id}/eligibility", d.id()).param("destination", "Iran")
                .param("on", "2026-12-05").with(agency.mockMvc())), 400, "destination");
        assertProblemNaming(mvc.perform(get("/api/detainees/{id}/eligibility", d.id()).param("destination", "IRN")
                .with(agency.mockMvc())), 400, "on");
        assertProblemNaming(mvc.perform(get("/api/detainees/{id}/eligibility", d.id()).param("destination", "IRN")
                .param("on", "05/12/2026").with(agency.mockMvc())), 400, "on");
        assertProblemNaming(mvc.perform(get("/api/detainees/{id}/eligibility", d.id()).param("destination", "IRN")
                .param("on", "2026-12-05").param("stage", "LATER").with(agency.mockMvc())), 400, "stage");
        verify(records, never()).assess(any(), any(), any(), any());
    }

    @Test
    void eligibilityOfADetaineeOutsideTheCallersFacilitiesIsNotFound() throws Exception {
        Detainee d = stored();
        mvc.perform(get("/api/detainees/{id}/eligibility", d.id()).param("destination", "IRN")
                        .param("on", "2026-12-05").with(agency.atFacilities("LA-WINN").mockMvc()))
                .andExpect(status().isNotFound());
        verify(records, never()).assess(any(), any(), any(), any());
    }

    // ---- POST /api/detainees/{id}/guardian ----------------------------------------------------

    @Test
    void linksAGuardian() throws Exception {
        Detainee minor = Records.removable(LocalDate.of(2012, 5, 5), "IRN");
        Detainee guardian = Records.removable();
        when(records.find(minor.id())).thenReturn(Optional.of(minor));
        when(records.linkGuardian(eq(minor.id()), eq(guardian.id()), any())).thenReturn(minor);

        mvc.perform(post("/api/detainees/{id}/guardian", minor.id()).with(agency.mockMvc())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"guardianId\":\"" + guardian.id() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(minor.id().toString()));
        verify(records).linkGuardian(eq(minor.id()), eq(guardian.id()), any());
    }

    @Test
    void aGuardianLinkWithoutAGuardianIdIsRefused() throws Exception {
        Detainee minor = stored();
        assertProblemNaming(mvc.perform(post("/api/detainees/{id}/guardian", minor.id()).with(agency.mockMvc())
                .contentType(MediaType.APPLICATION_JSON).content("{}")), 400, "guardianId");
        assertProblemNaming(mvc.perform(post("/api/detainees/{id}/guardian", minor.id()).with(agency.mockMvc())
                .contentType(MediaType.APPLICATION_JSON).content("{\"guardianId\":\"someone\"}")), 400, "guardianId");
        verify(records, never()).linkGuardian(any(), any(), any());
    }
}
