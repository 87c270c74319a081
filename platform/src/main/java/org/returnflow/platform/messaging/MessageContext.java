package org.returnflow.platform.messaging;

import java.time.OffsetDateTime;

/** The CloudEvents attributes and Kafka position of the message being handled. */
public record MessageContext(String id, String type, String source, String subject, OffsetDateTime time,
                             String topic, int partition, long offset) {
}
