package org.returnflow.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/verify} (scope {@code audit:verify}): walks this service's audit chain and
 * answers {@code {verified, ok, firstBrokenEntry: {id, at, expectedHash, actualHash}, headHash}}. It
 * reads no record of a person, only ids, times and hashes.
 */
@RestController
@Tag(name = "audit", description = "The audit trail's integrity")
public class AuditVerifyController {

    private final AuditLog audit;

    public AuditVerifyController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping(AuditLog.VERIFY_PATH)
    @Operation(summary = "Check the audit chain: how many entries verify, and the first that does not")
    public AuditChain.Verification verify() {
        return audit.verify();
    }
}
