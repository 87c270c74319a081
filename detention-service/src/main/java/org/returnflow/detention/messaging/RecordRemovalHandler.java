package org.returnflow.detention.messaging;

import org.returnflow.contracts.detention.RecordRemoval;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** Records that the person was handed over at the destination: custody REMOVED, property HANDED_OVER, then DetaineeRemoved. */
@Component
class RecordRemovalHandler implements MessageHandler<RecordRemoval> {

    private final DetaineeRecords records;

    RecordRemovalHandler(DetaineeRecords records) {
        this.records = records;
    }

    @Override
    public Class<RecordRemoval> messageType() {
        return RecordRemoval.class;
    }

    @Override
    public void handle(RecordRemoval message, MessageContext context) {
        records.recordRemoval(message, Sources.principal(context), context.requestId());
    }
}
