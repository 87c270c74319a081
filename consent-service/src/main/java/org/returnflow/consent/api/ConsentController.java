package org.returnflow.consent.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.returnflow.consent.domain.ConsentRegister;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Consent requests, their decisions and withdrawals (S3), for consent officers and monitors. A request
 * of a person held at a facility outside the caller's reach is a 404, and is left out of lists.
 */
@RestController
@RequestMapping("/api/consents")
@Validated
@Tag(name = "Consent", description = "Consent to return: decisions with evidence, withdrawals, history")
class ConsentController {

    private final ConsentRegister register;

    ConsentController(ConsentRegister register) {
        this.register = register;
    }

    @GetMapping
    @Operation(summary = "The consent requests of a case or of a person, each with its whole history",
            description = "Give caseId or detaineeId (or both). Partner clients must state a purpose.")
    PageResponse<ConsentView> list(@RequestParam(required = false) UUID caseId,
                                   @RequestParam(required = false) UUID detaineeId,
                                   @Parameter(description = "Why a partner reads the record; required for partners")
                                   @RequestParam(required = false) String purpose,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        if (caseId == null && detaineeId == null) {
            throw new BadRequestException("Give caseId or detaineeId to say whose consent to list", "caseId");
        }
        boolean partner = requirePurposeOfPartner(purpose);
        var records = register.find(caseId, detaineeId, FacilityReach.current(), PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.asc("id"))));
        return PageResponse.of(records, r -> ConsentView.of(r, partner));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One consent request with its whole history")
    ConsentView get(@PathVariable UUID id, @RequestParam(required = false) String purpose) {
        boolean partner = requirePurposeOfPartner(purpose);
        return ConsentView.of(register.get(id, FacilityReach.current()), partner);
    }

    @PostMapping("/{id}/decision")
    @Operation(summary = "Record the person's decision: GIVEN or DECLINED",
            description = "GIVEN needs officer, language and evidenceSha256, and an interpreter when the language "
                    + "is not the person's preferred language (422 otherwise). A second decision gets 409.")
    ConsentView decide(@PathVariable UUID id, @Valid @RequestBody DecisionRequest body) {
        Caller caller = Caller.current();
        return ConsentView.of(register.decide(id, body.toInput(), caller.principal(), caller.reach()), caller.partner());
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "Record that the person withdrew consent given; refused (409) once the person boarded")
    ConsentView withdraw(@PathVariable UUID id, @Valid @RequestBody WithdrawalRequest body) {
        Caller caller = Caller.current();
        return ConsentView.of(register.withdraw(id, body.reason().strip(), caller.principal(), caller.reach()), caller.partner());
    }

    /** A partner's read must say why; returns whether the caller is a partner. */
    private static boolean requirePurposeOfPartner(String purpose) {
        boolean partner = Caller.current().partner();
        if (partner && (purpose == null || purpose.isBlank())) {
            throw new BadRequestException("Partner reads must state why: add ?purpose=", AuditLog.PURPOSE_PARAMETER);
        }
        return partner;
    }
}
