package org.returnflow.workflow.process;

import org.returnflow.contracts.CaseMessage;
import org.returnflow.platform.messaging.EventOutbox;
import org.returnflow.workflow.domain.CaseRequests;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The one way the process sends a command: through the outbox, after the engine commits, and
 * recorded as the request the case now waits for. The command's CloudEvents id is its request id;
 * every reply names it, and only a reply to the newest request of its kind is taken.
 */
@Component
public class CaseCommands {

    private final EventOutbox outbox;
    private final CaseRequests requests;

    public CaseCommands(EventOutbox outbox, CaseRequests requests) {
        this.outbox = outbox;
        this.requests = requests;
    }

    /** Sends a command that has one wait per case: a newer one supersedes it. */
    public UUID send(CaseMessage command) {
        return send(command, "", null, null);
    }

    /**
     * Sends a command and records its request.
     *
     * @param scope    what makes requests of one command distinct waits (a notice's recipient), or ""
     * @param detail   a code for the history: the stage, reason or template
     * @param flightId the flight the command is about, for a notice; else null
     */
    public UUID send(CaseMessage command, String scope, String detail, UUID flightId) {
        UUID requestId = outbox.publish(command);
        requests.sent(command.caseId(), requestId, ProcessConstants.name(command.getClass()), scope, detail, flightId);
        return requestId;
    }
}
