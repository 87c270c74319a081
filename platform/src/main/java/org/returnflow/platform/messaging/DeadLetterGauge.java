package org.returnflow.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.returnflow.contracts.Topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code returnflow.messaging.dead.letters.waiting} by {@code topic} (a dead-letter topic):
 * the dead letters on it that nobody replayed yet, which is what an operator has to act on. Replayed
 * ones are not counted; one that fails again comes back as a new dead letter and is counted again.
 *
 * <p>Read from the broker every {@code interval} in the background (a topic that holds no record at
 * all is not read), never on the scrape. One process of the stack is enough: the workflow, which also
 * offers the operations API. Until the first read, and while the broker cannot be read, the gauges
 * keep their last value.
 */
public class DeadLetterGauge extends PollingWorker {

    private final DeadLetters deadLetters;
    private final Map<String, AtomicLong> waiting = new LinkedHashMap<>();

    public DeadLetterGauge(DeadLetters deadLetters, MeterRegistry meters, Duration interval) {
        super("dead-letter-gauge", interval);
        this.deadLetters = deadLetters;
        for (String topic : Topics.all()) {
            String dlt = DeadLetters.deadLetterTopic(topic);
            AtomicLong count = new AtomicLong();
            waiting.put(dlt, count);
            Gauge.builder("returnflow.messaging.dead.letters.waiting", count, AtomicLong::doubleValue)
                    .description("Dead letters on this dead-letter topic that were not replayed")
                    .tag("topic", dlt).register(meters);
        }
    }

    /** Reads every dead-letter topic once and sets its gauge. */
    public void refresh() {
        Map<String, Long> records = deadLetters.recordCounts(waiting.keySet());
        waiting.forEach((dlt, count) -> {
            long held = records.getOrDefault(dlt, 0L);
            count.set(held == 0 ? 0 : deadLetters.list(dlt).stream().filter(l -> !l.replayed()).count());
        });
    }

    /** The value of one topic's gauge now. */
    public long waiting(String topic) {
        AtomicLong count = waiting.get(DeadLetters.deadLetterTopic(topic));
        return count == null ? 0 : count.get();
    }

    @Override
    protected boolean runOnce(int lane, int lanes) {
        refresh();
        return false;
    }
}
