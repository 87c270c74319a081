package org.returnflow.workflow.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A reply that finds no waiting instance is retried after 0.5 s, doubling up to 30 s. */
class InboxBackoffTest {

    private final InboxCorrelator correlator = new InboxCorrelator(null, null, null, null, null, null, null,
            Duration.ofMillis(250), 1, 50, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofHours(1),
            new SimpleMeterRegistry());

    @Test
    void doublesFromTheInitialBackoffUpToTheMaximum() {
        assertThat(correlator.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(correlator.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(correlator.backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(correlator.backoff(6)).isEqualTo(Duration.ofSeconds(16));
        assertThat(correlator.backoff(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(correlator.backoff(1_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
