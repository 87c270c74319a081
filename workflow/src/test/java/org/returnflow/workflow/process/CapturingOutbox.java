package org.returnflow.workflow.process;

import org.returnflow.contracts.Message;
import org.returnflow.platform.messaging.EventOutbox;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/** Keeps what the process would publish, instead of writing outbox rows. */
class CapturingOutbox extends EventOutbox {

    final List<Message> sent = new ArrayList<>();
    /** The CloudEvents id each message got: a command's request id. */
    final Map<Message, UUID> ids = new IdentityHashMap<>();

    CapturingOutbox() {
        super(null, null);
    }

    @Override
    public UUID publish(Message message) {
        sent.add(message);
        UUID id = UUID.randomUUID();
        ids.put(message, id);
        return id;
    }

    <T extends Message> List<T> all(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The request id of the newest command of this type. */
    UUID lastRequest(Class<? extends Message> type) {
        return ids.get(last(type));
    }

    /** The request id of the newest command of this type that matches. */
    <T extends Message> UUID lastRequest(Class<T> type, java.util.function.Predicate<T> which) {
        List<T> all = all(type).stream().filter(which).toList();
        if (all.isEmpty()) {
            throw new AssertionError("no matching " + type.getSimpleName() + " was sent; sent: " + sent);
        }
        return ids.get(all.get(all.size() - 1));
    }

    <T extends Message> T last(Class<T> type) {
        List<T> all = all(type);
        if (all.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " was sent; sent: " + sent);
        }
        return all.get(all.size() - 1);
    }
}
