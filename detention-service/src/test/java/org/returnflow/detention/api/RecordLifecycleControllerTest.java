package org.returnflow.detention.api;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.returnflow.detention.config.DetentionAccessRules;
import org.returnflow.detention.domain.Amendment;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.DuplicateDetaineeException;
import org.returnflow.detention.domain.ExternalId;
import org.returnflow.detention.domain.InvalidationReason;
import org.returnflow.detention.domain.RecordLifecycle;
import org.returnflow.detention.domain.Records;
import org.returnflow.detention.domain.ReleaseReason;
import org.returnflow.detention.domain.StaleVersionException;
import org.returnflow.detention.domain.TransferReason;
import org.returnflow.detention.domain.TravelDocument;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Merge patch with If-Match, transfer, release and invalidation over HTTP: bad input, versions, security. */
@WebMvcTest(controllers = RecordLifecycleController.class)
@Import({DetentionAccessRules.class, AuditLogWithMockedStore.class})
class RecordLifecycleControllerTest {

    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DetaineeRecords records;
    @MockitoBean
    RecordLifecycle lifecycle;
    @MockitoBean
    JdbcTemplate auditJdbc;

    private final TestClient agency = TestClient.DETENTION_AGENCY;

    /** A stored record at version 3, held at LA-JENA, with a final order of 2026-04-02. */
    private Detainee stored() {
        Detainee d = Records.atVersion(Records.removable(), 3);
        when(records.find(d.id())).thenReturn(Optional.of(d));
        return d;
    }

    private ResultActions patchRecord(TestClient client, UUID id, String ifMatch, String body) throws Exception {
        var request = patch("/api/detainees/{id}", id).with(client.mockMvc()).contentType(MERGE_PATCH).content(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return mvc.perform(request);
    }

    private ResultActions send(TestClient client, String path, String body, Object... vars) throws Exception {
        return mvc.perform(post(path, vars).with(client.mockMvc()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void assertProblemNaming(ResultActions result, int status, String field) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    // ---- PATCH /api/detainees/{id} -------------------------------------------------------------

    @Test
    void aMergePatchIsAppliedToTheRecordAsReadAndAnswersTheNewETag() throws Exception {
        Detainee d = stored();
        when(lifecycle.amend(eq(d.id()), eq(3L), any())).thenReturn(Records.atVersion(Records.removable(), 4));

        patchRecord(agency, d.id(), "\"3\"", """
                {"removalOrder": {"isFinal": false}, "preferredLanguage": "prs",
                 "externalIds": {"A-NUMBER": "A-123-456-789"}, "counsel": null}""")
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"4\""))
                .andExpect(jsonPath("$.version").value(4));

        ArgumentCaptor<Amendment> amendment = ArgumentCaptor.forClass(Amendment.class);
        verify(lifecycle).amend(eq(d.id()), eq(3L), amendment.capture());
        assertThat(amendment.getValue()).isEqualTo(new Amendment(null, null, "prs", LocalDate.of(2026, 4, 2), false,
                List.of(new ExternalId("A-NUMBER", "A-123-456-789"))));
    }

    @Test
    void anObjectMergesIntoWhatIsThereAndAMissingMemberStaysAsItWas() throws Exception {
        Detainee d = stored();
        when(lifecycle.amend(eq(d.id()), eq(3L), any())).thenReturn(d);

        patchRecord(agency, d.id(), "\"3\"", "{\"counsel\": {\"email\": \"new.counsel@law.example\"}}")
                .andExpect(status().isOk());

        ArgumentCaptor<Amendment> amendment = ArgumentCaptor.forClass(Amendment.class);
        verify(lifecycle).amend(eq(d.id()), eq(3L), amendment.capture());
        assertThat(amendment.getValue()).isEqualTo(new Amendment("Counsel of Record", "new.counsel@law.example", "fa",
                LocalDate.of(2026, 4, 2), true, List.of()));
    }

    @Test
    void withoutIfMatchAPatchIs428AndChangesNothing() throws Exception {
        Detainee d = stored();
        assertProblemNaming(patchRecord(agency, d.id(), null, "{\"preferredLanguage\":\"prs\"}"), 428, "If-Match");
        assertProblemNaming(patchRecord(agency, d.id(), "*", "{\"preferredLanguage\":\"prs\"}"), 428, "If-Match");
        assertProblemNaming(patchRecord(agency, d.id(), "3", "{\"preferredLanguage\":\"prs\"}"), 400, "If-Match");
        assertProblemNaming(patchRecord(agency, d.id(), "W/\"3\"", "{\"preferredLanguage\":\"prs\"}"), 400,
                "If-Match");
        verifyNoInteractions(lifecycle);
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() throws Exception {
        Detainee d = stored();
        assertProblemNaming(patchRecord(agency, d.id(), "\"2\"", "{\"preferredLanguage\":\"prs\"}"), 412, "If-Match");
        verifyNoInteractions(lifecycle);
    }

    @Test
    void aChangeThatLosesTheRaceAtCommitIs412() throws Exception {
        Detainee d = stored();
        when(lifecycle.amend(eq(d.id()), eq(3L), any())).thenThrow(new OptimisticLockingFailureException("raced"));
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"preferredLanguage\":\"prs\"}"), 412,
                "If-Match");
        when(lifecycle.amend(eq(d.id()), eq(3L), any())).thenThrow(new StaleVersionException(3, 4L));
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"preferredLanguage\":\"prs\"}"), 412,
                "If-Match");
    }

    @Test
    void aFieldThatIsNotPatchableIsRefusedNamingItAndWhereItChanges() throws Exception {
        Detainee d = stored();
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"givenName\":\"Dario\"}"), 400, "givenName");
        patchRecord(agency, d.id(), "\"3\"", "{\"facilityCode\":\"LA-ASF\"}")
                .andExpect(jsonPath("$.errors[0].field").value("facilityCode"))
                .andExpect(jsonPath("$.detail", containsString("/transfer")));
        patchRecord(agency, d.id(), "\"3\"", "{\"custodyStatus\":\"RELEASED\", \"preferredLanguage\":\"prs\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("custodyStatus"))
                .andExpect(jsonPath("$.detail", containsString("/release")));
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"favouriteColour\":\"blue\"}"), 400,
                "favouriteColour");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"counsel\":{\"phone\":\"555\"}}"), 400,
                "counsel.phone");
        verifyNoInteractions(lifecycle);
    }

    @Test
    void theMergedRecordIsCheckedLikeARegistration() throws Exception {
        Detainee d = stored();
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"preferredLanguage\":null}"), 400,
                "preferredLanguage");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"preferredLanguage\":\"not a tag\"}"), 400,
                "preferredLanguage");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"counsel\":{\"email\":null}}"), 400,
                "counsel.email");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"counsel\":{\"email\":\"nope\"}}"), 400,
                "counsel.email");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"removalOrder\":{\"isFinal\":\"soon\"}}"), 400,
                "removalOrder.isFinal");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"removalOrder\":{\"issuedOn\":\"2999-01-01\"}}"),
                400, "removalOrder.issuedOn");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"externalIds\":{\"a number\":\"1\"}}"), 400,
                "externalIds");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"externalIds\":{\"A-NUMBER\":\"#!\"}}"), 400,
                "externalIds.A-NUMBER");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "[1, 2]"), 400, "body");
        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"counsel\": "), 400, "body");
        verifyNoInteractions(lifecycle);
    }

    @Test
    void anIdentifierAnotherPersonHoldsIs409NamingThem() throws Exception {
        Detainee d = stored();
        UUID other = UUID.randomUUID();
        when(lifecycle.amend(eq(d.id()), eq(3L), any())).thenThrow(new DuplicateDetaineeException(
                "Another person holds this A-NUMBER", "externalIds.A-NUMBER", List.of(other)));

        assertProblemNaming(patchRecord(agency, d.id(), "\"3\"", "{\"externalIds\":{\"A-NUMBER\":\"A1\"}}"), 409,
                "externalIds.A-NUMBER");
        patchRecord(agency, d.id(), "\"3\"", "{\"externalIds\":{\"A-NUMBER\":\"A1\"}}")
                .andExpect(jsonPath("$.existingId").value(other.toString()));
    }

    @Test
    void aPatchMustBeAMergePatch() throws Exception {
        Detainee d = stored();
        mvc.perform(patch("/api/detainees/{id}", d.id()).with(agency.mockMvc()).header("If-Match", "\"3\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"preferredLanguage\":\"prs\"}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(lifecycle);
    }

    @Test
    void patchingNeedsTheWriteScopeAndTheFacility() throws Exception {
        Detainee d = stored();
        patchRecord(agency.withScopes("detention:read"), d.id(), "\"3\"", "{\"preferredLanguage\":\"prs\"}")
                .andExpect(status().isForbidden());
        patchRecord(TestClient.PARTNER_MONITOR, d.id(), "\"3\"", "{\"preferredLanguage\":\"prs\"}")
                .andExpect(status().isForbidden());
        patchRecord(agency.atFacilities("LA-PINE"), d.id(), "\"3\"", "{\"preferredLanguage\":\"prs\"}")
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(lifecycle);
    }

    // ---- transfer and release ----------------------------------------------------------------

    @Test
    void transfersWithAReasonCodeAndAnswersTheRecord() throws Exception {
        Detainee d = stored();
        when(lifecycle.transfer(d.id(), "LA-ASF", TransferReason.STAGING_FOR_REMOVAL, "bus 7", null)).thenReturn(d);

        send(agency, "/api/detainees/{id}/transfer",
                "{\"toFacility\":\"LA-ASF\",\"reason\":\"STAGING_FOR_REMOVAL\",\"note\":\" bus 7 \"}", d.id())
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""));
        verify(lifecycle).transfer(d.id(), "LA-ASF", TransferReason.STAGING_FOR_REMOVAL, "bus 7", null);
    }

    @Test
    void aTransferNeedsBothFacilitiesAReasonCodeAndAGoodVersion() throws Exception {
        Detainee d = stored(); // at LA-JENA
        assertProblemNaming(send(agency, "/api/detainees/{id}/transfer", "{\"reason\":\"CAPACITY\"}", d.id()), 400,
                "toFacility");
        assertProblemNaming(send(agency, "/api/detainees/{id}/transfer",
                "{\"toFacility\":\"LA-ASF\",\"reason\":\"because\"}", d.id()), 400, "reason");
        assertProblemNaming(send(agency.atFacilities("LA-JENA"), "/api/detainees/{id}/transfer",
                "{\"toFacility\":\"LA-ASF\",\"reason\":\"CAPACITY\"}", d.id()), 403, "toFacility");
        send(agency.atFacilities("LA-ASF"), "/api/detainees/{id}/transfer",
                "{\"toFacility\":\"LA-ASF\",\"reason\":\"CAPACITY\"}", d.id())
                .andExpect(status().isNotFound());
        assertProblemNaming(mvc.perform(post("/api/detainees/{id}/transfer", d.id()).with(agency.mockMvc())
                .header("If-Match", "\"x\"").contentType(MediaType.APPLICATION_JSON)
                .content("{\"toFacility\":\"LA-ASF\",\"reason\":\"CAPACITY\"}")), 400, "If-Match");
        verifyNoInteractions(lifecycle);
    }

    @Test
    void aTransferNamingAVersionPassesItOn() throws Exception {
        Detainee d = stored();
        when(lifecycle.transfer(d.id(), "LA-ASF", TransferReason.CAPACITY, null, 2L))
                .thenThrow(new StaleVersionException(2, 3L));
        assertProblemNaming(mvc.perform(post("/api/detainees/{id}/transfer", d.id()).with(agency.mockMvc())
                .header("If-Match", "\"2\"").contentType(MediaType.APPLICATION_JSON)
                .content("{\"toFacility\":\"LA-ASF\",\"reason\":\"CAPACITY\"}")), 412, "If-Match");
    }

    @Test
    void releasesWithAReasonCode() throws Exception {
        Detainee d = stored();
        when(lifecycle.release(d.id(), ReleaseReason.RELIEF_GRANTED, null, null)).thenReturn(d);

        send(agency, "/api/detainees/{id}/release", "{\"reason\":\"RELIEF_GRANTED\"}", d.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(d.id().toString()));
    }

    @Test
    void aReleaseNeedsAReasonCodeAndASecondOneIs409() throws Exception {
        Detainee d = stored();
        assertProblemNaming(send(agency, "/api/detainees/{id}/release", "{}", d.id()), 400, "reason");
        assertProblemNaming(send(agency, "/api/detainees/{id}/release",
                "{\"reason\":\"BOND\",\"note\":\"" + "x".repeat(501) + "\"}", d.id()), 400, "note");
        when(lifecycle.release(d.id(), ReleaseReason.BOND, null, null))
                .thenThrow(new ConflictException("Only a person in custody can be released; custody is RELEASED"));
        send(agency, "/api/detainees/{id}/release", "{\"reason\":\"BOND\"}", d.id())
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        send(agency.withScopes("detention:read"), "/api/detainees/{id}/release", "{\"reason\":\"BOND\"}", d.id())
                .andExpect(status().isForbidden());
    }

    // ---- invalidation --------------------------------------------------------------------------

    @Test
    void invalidatesATravelDocumentWithAReason() throws Exception {
        Detainee d = stored();
        TravelDocument passport = d.travelDocuments().get(0);
        Records.invalidate(passport, InvalidationReason.STOLEN);
        when(lifecycle.invalidateTravelDocument(d.id(), passport.id(), InvalidationReason.STOLEN, null))
                .thenReturn(passport);

        send(agency, "/api/detainees/{id}/travel-documents/{docId}/invalidate", "{\"reason\":\"STOLEN\"}", d.id(),
                passport.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.invalidated.reason").value("STOLEN"))
                .andExpect(jsonPath("$.invalidated.by").value("detention-agency"));
    }

    @Test
    void anInvalidationNeedsAReasonCode() throws Exception {
        Detainee d = stored();
        UUID record = UUID.randomUUID();
        assertProblemNaming(send(agency, "/api/detainees/{id}/residence-permits/{p}/invalidate", "{}", d.id(),
                record), 400, "reason");
        assertProblemNaming(send(agency, "/api/detainees/{id}/medical-clearances/{c}/invalidate",
                "{\"reason\":\"FELT_LIKE_IT\"}", d.id(), record), 400, "reason");
        assertProblemNaming(send(agency, "/api/detainees/{id}/travel-documents/{t}/invalidate",
                "{\"reason\":\"LOST\"}", d.id(), "not-a-uuid"), 400, "documentId");
        send(agency.atFacilities("LA-WINN"), "/api/detainees/{id}/travel-documents/{t}/invalidate",
                "{\"reason\":\"LOST\"}", d.id(), record).andExpect(status().isNotFound());
        verifyNoInteractions(lifecycle);
    }
}
