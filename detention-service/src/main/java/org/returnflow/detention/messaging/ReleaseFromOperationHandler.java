package org.returnflow.detention.messaging;

import org.returnflow.contracts.detention.ReleaseFromOperation;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** Takes the person out of the operation (they stay in custody) and replies DetaineeReleasedFromOperation. */
@Component
class ReleaseFromOperationHandler implements MessageHandler<ReleaseFromOperation> {

    private final DetaineeRecords records;

    ReleaseFromOperationHandler(DetaineeRecords records) {
        this.records = records;
    }

    @Override
    public Class<ReleaseFromOperation> messageType() {
        return ReleaseFromOperation.class;
    }

    @Override
    public void handle(ReleaseFromOperation message, MessageContext context) {
        records.releaseFromOperation(message, Sources.principal(context), context.requestId());
    }
}
