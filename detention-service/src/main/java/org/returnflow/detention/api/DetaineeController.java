package org.returnflow.detention.api;


import org.returnflow.platform.web.CountryCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.detention.api.DetaineeRequests.LinkGuardian;
import org.returnflow.detention.api.DetaineeRequests.RegisterDetainee;
import org.returnflow.detention.api.DetaineeViews.DetaineeSummary;
import org.returnflow.detention.api.DetaineeViews.DetaineeView;
import org.returnflow.detention.api.DetaineeViews.EligibilityView;
import org.returnflow.detention.api.DetaineeViews.Registered;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.DetaineeFilter;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.Eligibility;
import org.returnflow.detention.domain.ExternalId;
import org.returnflow.detention.domain.NameKey;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.PageResponse;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Registering, reading and listing people in custody, and asking whether one may be removed. */
@RestController
@RequestMapping("/api/detainees")
@Tag(name = "detainees", description = "Custody records and the eligibility check")
class DetaineeController {

    private static final Pattern CASE_NUMBER = Pattern.compile("RF-\\d{4}-\\d{6,}");

    private final DetaineeRecords records;
    private final AuditLog audit;

    DetaineeController(DetaineeRecords records, AuditLog audit) {
        this.records = records;
        this.audit = audit;
    }

    @PostMapping
    @Operation(summary = "Register a person in custody; returns id and caseNumber. 409 with existingId when the "
            + "person seems to be on record (same external identifier; or the same name, date of birth and "
            + "nationality unless confirmDistinctFrom names that record)")
    @ApiResponse(responseCode = "201", description = "Registered; Location names the record")
    ResponseEntity<Registered> register(@Valid @RequestBody RegisterDetainee request) {
        Reach.requireRegistrableAt(request.facilityCode());
        Detainee detainee = records.register(request.toRegistration());
        return ResponseEntity.created(URI.create("/api/detainees/" + detainee.id()))
                .body(new Registered(detainee.id(), detainee.caseNumber()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A person's custody record with its ETag (the version a PATCH names in If-Match); partners "
            + "get it without names and need ?purpose=")
    ResponseEntity<DetaineeView> get(@PathVariable UUID id) {
        Detainee detainee = Reach.require(records, id);
        audit.recordRead(DetaineeRecords.SUBJECT, id);
        return ResponseEntity.ok().eTag(ETags.of(detainee)).body(DetaineeView.of(detainee, Caller.current().partner()));
    }

    /**
     * Finding people. {@code q} matches the words of the given and family names phonetically
     * (case, accents and the usual Latin spellings of Persian and Arabic names do not matter), every
     * word must match. {@code caseNumber} is Returnflow's readable number (RF-2026-000123);
     * {@code caseId} the person's open removal case; {@code externalId} an agency's identifier as
     * {@code scheme:value}. Every record listed is audited as read, since the list carries names.
     */
    @GetMapping
    @Operation(summary = "Find people in custody, paged: q (name, phonetic), dateOfBirth, caseNumber, caseId, "
            + "externalId (scheme:value), nationality, facilityCode, status; every person returned is an audited read")
    PageResponse<DetaineeSummary> list(@RequestParam(required = false) @Size(max = 200) String q,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate dateOfBirth,
                                       @RequestParam(required = false) String caseNumber,
                                       @RequestParam(required = false) UUID caseId,
                                       @RequestParam(required = false) @Size(max = 150) String externalId,
                                       @RequestParam(required = false) @CountryCode String nationality,
                                       @RequestParam(required = false) String facilityCode,
                                       @RequestParam(required = false) CustodyStatus status,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size,
                                       @RequestParam(required = false) String purpose) {
        Caller caller = Caller.current();
        if (caller.partner() && (purpose == null || purpose.isBlank())) {
            throw new BadRequestException("Partner reads must state why: add ?purpose=", AuditLog.PURPOSE_PARAMETER);
        }
        List<Set<String>> nameTerms = List.of();
        if (q != null) {
            nameTerms = NameKey.queryTerms(q);
            if (nameTerms.isEmpty()) {
                throw new BadRequestException("must contain at least one letter of a name", "q");
            }
        }
        String number = null;
        if (caseNumber != null) {
            number = caseNumber.strip().toUpperCase(Locale.ROOT);
            if (!CASE_NUMBER.matcher(number).matches()) {
                throw new BadRequestException("must be a Returnflow case number such as RF-2026-000123", "caseNumber");
            }
        }
        DetaineeFilter filter = new DetaineeFilter(nationality, facilityCode, status, nameTerms, dateOfBirth, number,
                caseId, externalId == null ? null : ExternalId.parse(externalId.strip(), "externalId"),
                caller.facilities());
        Page<Detainee> found = records.list(filter, PageRequest.of(page, size, Sort.by("caseNumber")));
        // one audit entry per person returned: agencies read names here
        audit.recordListRead(DetaineeRecords.SUBJECT, found.map(Detainee::id).getContent());
        return PageResponse.of(found, d -> DetaineeSummary.of(d, caller.partner()));
    }

    @GetMapping("/{id}/eligibility")
    @Operation(summary = "Whether the person may be removed to a country on a date, with every blocker")
    EligibilityView eligibility(@PathVariable UUID id,
                                @RequestParam @CountryCode String destination,
                                @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                @RequestParam(defaultValue = "INITIAL") EligibilityStage stage) {
        Reach.require(records, id);
        audit.recordRead(DetaineeRecords.SUBJECT, id);
        Eligibility eligibility = records.assess(id, destination, on, stage);
        return EligibilityView.of(id, destination, on, stage, eligibility.blockers(), Caller.current().partner());
    }

    @PostMapping("/{id}/guardian")
    @Operation(summary = "Link the guardian of a minor: another detainee, in custody, 18 or over")
    DetaineeView linkGuardian(@PathVariable UUID id, @Valid @RequestBody LinkGuardian request) {
        Reach.require(records, id);
        return DetaineeView.of(records.linkGuardian(id, request.guardianId(), Reach::reachable), false);
    }
}
