package org.returnflow.workflow.process;

import org.returnflow.contracts.Message;
import org.returnflow.platform.messaging.EventOutbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Keeps what the process would publish, instead of writing outbox rows. */
class CapturingOutbox extends EventOutbox {

    final List<Message> sent = new ArrayList<>();

    CapturingOutbox() {
        super(null, null);
    }

    @Override
    public UUID publish(Message message) {
        sent.add(message);
        return UUID.randomUUID();
    }

    <T extends Message> List<T> all(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends Message> T last(Class<T> type) {
        List<T> all = all(type);
        if (all.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " was sent; sent: " + sent);
        }
        return all.get(all.size() - 1);
    }
}
