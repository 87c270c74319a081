package org.returnflow.workflow.api.ops;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.returnflow.platform.messaging.DeadLetters;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response records of the operations API. */
final class OpsViews {

    private OpsViews() {
    }

    /**
     * A reply the workflow could not correlate.
     *
     * @param reason     why it was parked (UNKNOWN_CASE, CASE_ENDED, NOT_AWAITED, CORRELATION_FAILED); kept when discarded
     * @param sentBy     the service that sent it
     * @param resolution the operator's reason, once discarded
     */
    record ParkedMessageView(long id, String messageId, String messageName, UUID caseId, String status, String reason,
                             int attempts, String lastError, String sentBy, Instant createdAt, String resolvedBy,
                             Instant resolvedAt, String resolution) {
    }

    /** Why an operator retries or discards a parked reply; it goes into the case history and the audit trail. */
    record ResolutionRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** One dead letter, as {@code ./returnflow dlt list} shows it. */
    record DeadLetterView(String deadLetterTopic, String position, String id, String type, String subject,
                          String sourceTopic, Integer sourcePartition, Long sourceOffset, String consumerGroup,
                          String failureKind, String errorClass, String errorMessage, Instant failedAt,
                          boolean replayed, Instant replayedAt, String replayedBy) {

        static DeadLetterView of(DeadLetters.DeadLetter d) {
            return new DeadLetterView(d.deadLetterTopic(), d.position(), d.id(), d.type(), d.subject(), d.sourceTopic(),
                    d.sourcePartition(), d.sourceOffset(), d.consumerGroup(), d.failureKind(), d.errorClass(),
                    d.errorMessage(), d.failedAt(), d.replayed(), d.replayedAt(), d.replayedBy());
        }
    }

    /** Replay the dead letters with these CloudEvents ids, or every one not replayed yet: exactly one of the two. */
    record ReplayRequest(@Size(max = 100) List<@NotBlank @Size(max = 200) String> ids, Boolean all) {
    }

    /** What a replay sent back, and what it left alone and why. */
    record ReplayResponse(List<DeadLetters.Replayed> replayed, List<DeadLetters.Skipped> skipped) {
    }
}
