package org.returnflow.workflow.api.ops;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.returnflow.contracts.Topics;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.messaging.DeadLetters;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.BadRequestException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.platform.web.PageResponse;
import org.returnflow.workflow.api.ops.OpsViews.DeadLetterView;
import org.returnflow.workflow.api.ops.OpsViews.ReplayRequest;
import org.returnflow.workflow.api.ops.OpsViews.ReplayResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/**
 * Dead letters an operator can act on, as {@code ./returnflow dlt} does (scope {@code ops:manage}):
 * list the dead letters of one topic or of all, and replay some or all of a topic's to their source
 * topic with their original CloudEvents id, so consumers' deduplication still holds. A replay is
 * audited under the authenticated principal, who is also named on the replay marker.
 */
@RestController
@RequestMapping("/api/ops/dead-letters")
class DeadLetterController {

    private static final String SUBJECT = "DeadLetterTopic";

    private final DeadLetters deadLetters;
    private final AuditLog audit;

    DeadLetterController(DeadLetters deadLetters, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    /** The dead letters of {@code topic} (a Returnflow topic or its DLT), or of every topic, oldest first per topic. */
    @Operation(summary = "List the dead letters of a topic, or of every topic, oldest first per topic")
    @GetMapping
    PageResponse<DeadLetterView> list(@RequestParam(required = false) String topic,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        List<String> topics;
        if (topic == null) {
            topics = Topics.all();
        } else {
            topics = List.of(known(topic).orElseThrow(() -> new BadRequestException(
                    "No Returnflow topic is called '" + topic + "'; topics: " + Topics.all(), "topic")));
        }
        if (!ParkedMessageController.mayOperate()) {
            return PageResponse.of(List.of(), page, size, 0);
        }
        List<DeadLetterView> all = topics.stream().flatMap(t -> deadLetters.list(t).stream()).map(DeadLetterView::of).toList();
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return PageResponse.of(all.subList(from, to), page, size, all.size());
    }

    /**
     * Replays the dead letters with the given CloudEvents ids, or all not replayed yet. Nothing is sent
     * when an id is unknown (404 naming them) or the request names both or neither (400 naming {@code ids}).
     */
    @Operation(summary = "Replay dead letters to their topic with their original CloudEvents ids")
    @PostMapping("/{topic}/replay")
    ReplayResponse replay(@PathVariable String topic, @Valid @RequestBody ReplayRequest request) {
        String source = known(topic).orElseThrow(() -> new NotFoundException("Dead-letter topic", topic));
        boolean all = Boolean.TRUE.equals(request.all());
        boolean someIds = request.ids() != null && !request.ids().isEmpty();
        if (all == someIds) {
            throw new BadRequestException("Name the dead letters to replay: either ids (CloudEvents ids) or all=true",
                    "ids");
        }
        if (!ParkedMessageController.mayOperate()) {
            throw new NotFoundException("Dead-letter topic", topic);
        }
        String principal = Caller.current().principal();
        DeadLetters.ReplayResult result;
        try {
            result = all ? deadLetters.replayAll(source, principal) : deadLetters.replay(source, request.ids(), principal);
        } catch (DeadLetters.UnknownDeadLettersException e) {
            throw new NotFoundException("Dead letter", String.join(", ", e.ids()) + " on " + DeadLetters.deadLetterTopic(source));
        }
        // After the replay, not in a transaction around it: no database transaction is held across Kafka I/O.
        // The replay markers on the DLT name the principal as well.
        audit.recordChange("DEAD_LETTERS_REPLAYED", SUBJECT, DeadLetters.deadLetterTopic(source),
                (all ? "all" : "ids " + request.ids()) + ": replayed "
                        + result.replayed().stream().map(DeadLetters.Replayed::id).toList()
                        + ", skipped " + result.skipped().size());
        return new ReplayResponse(result.replayed(), result.skipped());
    }

    /** The Returnflow topic a name means, given either the topic or its dead-letter topic. */
    private static Optional<String> known(String name) {
        String source = name.endsWith(DeadLetters.SUFFIX) ? name.substring(0, name.length() - DeadLetters.SUFFIX.length())
                : name;
        return Topics.all().contains(source) ? Optional.of(source) : Optional.empty();
    }
}
