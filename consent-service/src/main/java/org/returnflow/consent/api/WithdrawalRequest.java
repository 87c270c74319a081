package org.returnflow.consent.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/consents/{id}/withdrawal}. */
record WithdrawalRequest(
        @NotBlank(message = "is required: why consent is withdrawn") @Size(max = 1000)
        String reason) {
}
