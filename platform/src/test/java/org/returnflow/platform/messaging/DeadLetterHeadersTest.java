package org.returnflow.platform.messaging;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** The tools read the headers Spring Kafka's dead-letter publisher writes, under their own names: both must agree. */
class DeadLetterHeadersTest {

    @Test
    void theNamesAreTheOnesSpringKafkaWrites() {
        assertThat(DeadLetterHeaders.ORIGINAL_TOPIC).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        assertThat(DeadLetterHeaders.ORIGINAL_PARTITION).isEqualTo(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        assertThat(DeadLetterHeaders.ORIGINAL_OFFSET).isEqualTo(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        assertThat(DeadLetterHeaders.ORIGINAL_CONSUMER_GROUP).isEqualTo(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        assertThat(DeadLetterHeaders.EXCEPTION_CLASS).isEqualTo(KafkaHeaders.DLT_EXCEPTION_FQCN);
        assertThat(DeadLetterHeaders.EXCEPTION_CAUSE_CLASS).isEqualTo(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        assertThat(DeadLetterHeaders.EXCEPTION_MESSAGE).isEqualTo(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        assertThat(DeadLetterHeaders.EXCEPTION_STACKTRACE).isEqualTo(KafkaHeaders.DLT_EXCEPTION_STACKTRACE);
        assertThat(DeadLetterHeaders.FAILURE_PREFIXES).allSatisfy(prefix -> assertThat(KafkaHeaders.DLT_ORIGINAL_TOPIC
                .startsWith(prefix) || DeadLetterHeaders.FAILED_AT.startsWith(prefix)).isTrue());
    }
}
