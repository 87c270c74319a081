package org.returnflow.detention.messaging;

import org.returnflow.contracts.detention.DescribeDetainee;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.messaging.MessageContext;
import org.returnflow.platform.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/** Replies with DetaineeDescribed (codes and dates only) or DetaineeUnknown, and remembers the case. */
@Component
class DescribeDetaineeHandler implements MessageHandler<DescribeDetainee> {

    private final DetaineeRecords records;

    DescribeDetaineeHandler(DetaineeRecords records) {
        this.records = records;
    }

    @Override
    public Class<DescribeDetainee> messageType() {
        return DescribeDetainee.class;
    }

    @Override
    public void handle(DescribeDetainee message, MessageContext context) {
        records.describeForCase(message, Sources.principal(context), context.requestId());
    }
}
