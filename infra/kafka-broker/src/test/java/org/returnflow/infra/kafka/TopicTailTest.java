package org.returnflow.infra.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TopicTailTest {

    @Test
    void printsCloudEventAttributesInReadingOrderThenPrettyJson() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("content-type", "application/json".getBytes(UTF_8)));
        headers.add(new RecordHeader("ce_type", "returnflow.flight.SeatBooked.v1".getBytes(UTF_8)));
        headers.add(new RecordHeader("ce_id", "e-1".getBytes(UTF_8)));
        headers.add(new RecordHeader("ce_specversion", "1.0".getBytes(UTF_8)));
        headers.add(new RecordHeader("ce_traceparent", "00-abc".getBytes(UTF_8)));
        var record = new ConsumerRecord<>("flight.events", 2, 17L, 0L, TimestampType.CREATE_TIME, 0, 0,
                "case-1".getBytes(UTF_8), "{\"caseId\":\"case-1\",\"seat\":\"12A\"}".getBytes(UTF_8), headers,
                Optional.empty());

        String text = TopicTail.format(record);

        assertThat(text).startsWith("── flight.events  partition 2  offset 17");
        assertThat(text).contains("key             case-1");
        assertThat(text.indexOf("ce_id")).isLessThan(text.indexOf("ce_type"));
        assertThat(text.indexOf("ce_type")).isLessThan(text.indexOf("ce_specversion"));
        assertThat(text.indexOf("content-type")).isLessThan(text.indexOf("ce_traceparent"));
        assertThat(text).contains("{\n  \"caseId\" : \"case-1\",\n  \"seat\" : \"12A\"\n}");
    }

    @Test
    void showsTombstonesAndBinaryDataWithoutFailing() {
        assertThat(TopicTail.data(null)).contains("tombstone");
        assertThat(TopicTail.data(new byte[] {0, 1, (byte) 0xff})).contains("3 bytes").contains("0x0001ff");
        assertThat(TopicTail.data("not json".getBytes(UTF_8))).isEqualTo("not json");
    }

    @Test
    void parsesTopicAndOptions() {
        var options = TopicTail.Options.parse(new String[] {"detention.events", "--from-beginning"},
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));

        assertThat(options.topic()).isEqualTo("detention.events");
        assertThat(options.fromBeginning()).isTrue();
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThatThrownBy(() -> TopicTail.Options.parse(new String[0], Map.of())).hasMessageContaining("topic");
        assertThatThrownBy(() -> TopicTail.Options.parse(new String[] {"t", "--follow"}, Map.of()))
                .hasMessageContaining("--follow");
    }
}
