package org.returnflow.flight.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/flights/{id}/manifest/{caseId}/handover}.
 *
 * @param receivedBy the official of the receiving state who took charge of the person; kept in
 *                   the manifest, never published
 */
record HandoverRequest(@NotBlank @Size(max = 200) String receivedBy) {
}
