package org.returnflow.detention.messaging;

import org.returnflow.contracts.detention.AssessEligibility;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** Replies with EligibilityAssessed for the case, and remembers the case as the person's open case. */
@Component
class AssessEligibilityHandler implements MessageHandler<AssessEligibility> {

    private final DetaineeRecords records;

    AssessEligibilityHandler(DetaineeRecords records) {
        this.records = records;
    }

    @Override
    public Class<AssessEligibility> messageType() {
        return AssessEligibility.class;
    }

    @Override
    public void handle(AssessEligibility message, MessageContext context) {
        records.assessForCase(message, Sources.principal(context), context.requestId());
    }
}
