package org.returnflow.detention.api;

import org.returnflow.platform.web.ForbiddenException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Who looked at and who changed a person's record (S8), oldest first. Not for partners. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "The append-only trail of reads and changes of a custody record")
class AuditController {

    private final DetaineeRecords records;
    private final AuditLog audit;

    AuditController(DetaineeRecords records, AuditLog audit) {
        this.records = records;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "The audit trail of one detainee, paged")
    PageResponse<AuditLog.Entry> trail(@RequestParam UUID subject,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "50") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        if (Caller.current().partner()) {
            throw new ForbiddenException("Partners may not read the audit trail", null);
        }
        Reach.require(records, subject);
        String id = subject.toString();
        return PageResponse.of(audit.forSubject(id, page, size), page, size, audit.countForSubject(id));
    }
}
