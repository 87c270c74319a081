package org.returnflow.detention.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.returnflow.detention.api.DetaineeRequests.AddMedicalClearance;
import org.returnflow.detention.api.DetaineeRequests.AddResidencePermit;
import org.returnflow.detention.api.DetaineeRequests.RegisterBatch;
import org.returnflow.detention.api.DetaineeRequests.RegisterWithRecords;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.web.ApiException;
import org.returnflow.platform.web.ProblemResponses.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Intake in bulk: up to 100 people in one call, each with the travel documents, fit-to-fly
 * assessments, residence permits, legal holds and property taken at intake. Each person is
 * registered with their records in one transaction of their own, exactly as the single calls would
 * (same checks, same events, same audit): a refused person (another facility's, on record already,
 * dates in the wrong order) writes nothing and never stops the rest. A body that breaks its schema
 * is a 400 naming the field ({@code people[3].travelDocuments[0].number}) and writes nothing at all.
 * The answer is 200 with one result per person, in request order.
 */
@RestController
@Tag(name = "detainees", description = "Custody records and the eligibility check")
class RegistrationBatchController {

    private static final Logger log = LoggerFactory.getLogger(RegistrationBatchController.class);

    /** The outcome of one person. */
    enum Outcome { REGISTERED, REFUSED }

    /**
     * Why a person was refused, as {@code POST /api/detainees} would have answered: status, title,
     * detail, the field, and for a person on record already the ids that matched.
     */
    record PersonProblem(int status, String title, String detail, String field, List<UUID> existingIds) {
    }

    /**
     * One person: REGISTERED with the new record's id, case number and the ids of the holds and
     * property items (in request order, for lifting and packing later), or REFUSED with its problem.
     */
    record PersonResult(int index, Outcome status, UUID id, String caseNumber, List<UUID> legalHoldIds,
                        List<UUID> propertyItemIds, PersonProblem problem) {
    }

    record BatchResults(int registered, int refused, List<PersonResult> results) {
    }

    private final DetaineeRecords records;
    private final TransactionTemplate tx;

    RegistrationBatchController(DetaineeRecords records, PlatformTransactionManager transactionManager) {
        this.records = records;
        this.tx = new TransactionTemplate(transactionManager);
    }

    @PostMapping("/api/detainees/batch")
    @Operation(summary = "Register up to 100 people with the records taken at intake; 200 with a result per person, "
            + "each registered with its records or refused as a whole, a refusal never stops the rest")
    BatchResults register(@Valid @RequestBody RegisterBatch request) {
        List<PersonResult> results = new ArrayList<>(request.people().size());
        for (int i = 0; i < request.people().size(); i++) {
            results.add(registerOne(i, request.people().get(i)));
        }
        int registered = (int) results.stream().filter(r -> r.status() == Outcome.REGISTERED).count();
        return new BatchResults(registered, results.size() - registered, results);
    }

    private PersonResult registerOne(int index, RegisterWithRecords entry) {
        try {
            return tx.execute(status -> record(index, entry));
        } catch (ApiException e) {
            return refused(index, e.status().value(), e.status().getReasonPhrase(), e.getMessage(), e.field(), List.of());
        } catch (ErrorResponseException e) {
            // a person on record already: the problem names the matching records and the field that matched
            ProblemDetail body = e.getBody();
            Map<String, Object> properties = body.getProperties() == null ? Map.of() : body.getProperties();
            List<UUID> ids = properties.get("existingIds") instanceof List<?> list
                    ? list.stream().map(o -> UUID.fromString(o.toString())).toList() : List.of();
            String field = properties.get("errors") instanceof List<?> errors && !errors.isEmpty()
                    && errors.get(0) instanceof FieldProblem problem ? problem.field() : null;
            return refused(index, body.getStatus(), body.getTitle(), body.getDetail(), field, ids);
        } catch (RuntimeException e) {
            log.error("Registering person {} of a batch failed", index, e);
            return refused(index, HttpStatus.INTERNAL_SERVER_ERROR.value(), HttpStatus.INTERNAL_SERVER_ERROR.getReasonPhrase(),
                    "The person could not be registered; it has been logged, retry them", null, List.of());
        }
    }

    /** The person and their records, in the caller's transaction; any refusal rolls all of it back. */
    private PersonResult record(int index, RegisterWithRecords entry) {
        Reach.requireRegistrableAt(entry.person().facilityCode());
        for (AddResidencePermit permit : entry.residencePermits()) {
            AttachedRecordsController.notBefore(permit.validFrom(), permit.validUntil(), "validFrom");
        }
        for (AddMedicalClearance clearance : entry.medicalClearances()) {
            AttachedRecordsController.notBefore(clearance.assessedOn(), clearance.validUntil(), "assessedOn");
        }
        Detainee detainee = records.register(entry.person().toRegistration());
        UUID id = detainee.id();
        entry.travelDocuments().forEach(d -> records.addTravelDocument(id, d.kind(), d.number().strip(),
                d.issuingCountry(), d.validUntil()));
        entry.medicalClearances().forEach(c -> records.addMedicalClearance(id, c.fitToFly(), c.assessedOn(),
                c.validUntil()));
        entry.residencePermits().forEach(p -> records.addResidencePermit(id, p.type().strip(), p.number().strip(),
                p.validFrom(), p.validUntil()));
        List<UUID> holds = entry.legalHolds().stream()
                .map(h -> records.placeHold(id, h.kind(), h.reference().strip()).id()).toList();
        List<UUID> property = entry.property().stream()
                .map(p -> records.addProperty(id, p.kind(), p.description().strip()).id()).toList();
        return new PersonResult(index, Outcome.REGISTERED, id, detainee.caseNumber(), holds, property, null);
    }

    private static PersonResult refused(int index, int status, String title, String detail, String field,
                                        List<UUID> existingIds) {
        return new PersonResult(index, Outcome.REFUSED, null, null, List.of(), List.of(),
                new PersonProblem(status, title, detail, field, existingIds));
    }
}
