package org.returnflow.detention.messaging;

import org.returnflow.platform.messaging.MessageContext;

/** Who a change made in reaction to a message is recorded under: the sending service, by its CloudEvents source. */
final class Sources {

    private Sources() {
    }

    static String principal(MessageContext context) {
        return "message:" + context.source();
    }
}
