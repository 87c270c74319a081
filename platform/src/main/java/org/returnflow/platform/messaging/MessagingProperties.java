package org.returnflow.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings under {@code returnflow.messaging}: what a service consumes and how it relays. */
@ConfigurationProperties("returnflow.messaging")
public class MessagingProperties {

    /** CloudEvents source of what this service publishes; defaults to /returnflow/{application name}. */
    private String source;

    /** Topics this service consumes. Empty means no listener container is started. */
    private List<String> consumes = new ArrayList<>();

    /** Partitions of every topic the platform declares (DLTs get the same count). */
    private int partitions = 3;

    /** Replication factor of the declared topics: 1 on a single local broker, 3 on a cluster. */
    private short replicas = 1;

    /** Listener threads per consumed topic set. */
    private int concurrency = 1;

    /** Offset commit mode of the listener container. Tests may pick MANUAL to simulate a crash. */
    private AckMode ackMode = AckMode.BATCH;

    private final Relay relay = new Relay();
    private final Retry retry = new Retry();

    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public List<String> getConsumes() { return consumes; }
    public void setConsumes(List<String> consumes) { this.consumes = consumes; }
    public int getPartitions() { return partitions; }
    public void setPartitions(int partitions) { this.partitions = partitions; }
    public short getReplicas() { return replicas; }
    public void setReplicas(short replicas) { this.replicas = replicas; }
    public int getConcurrency() { return concurrency; }
    public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
    public AckMode getAckMode() { return ackMode; }
    public void setAckMode(AckMode ackMode) { this.ackMode = ackMode; }
    public Relay getRelay() { return relay; }
    public Retry getRetry() { return retry; }

    /** The outbox relay. */
    public static class Relay {
        /** Whether this instance relays at all. */
        private boolean enabled = true;
        /** Longest pause between polls when nothing nudges the relay. */
        private Duration pollInterval = Duration.ofMillis(500);
        /** Rows sent per transaction. */
        private int batchSize = 200;
        /** How long to wait for the broker to acknowledge a batch. */
        private Duration sendTimeout = Duration.ofSeconds(30);
        /** Sent rows older than this are purged. */
        private Duration retention = Duration.ofDays(7);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public Duration getSendTimeout() { return sendTimeout; }
        public void setSendTimeout(Duration sendTimeout) { this.sendTimeout = sendTimeout; }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
    }

    /** Bounded retries of a failing message before it goes to the dead-letter topic. */
    public static class Retry {
        private int maxRetries = 3;
        private Duration initialInterval = Duration.ofMillis(200);
        private double multiplier = 2.0;
        private Duration maxInterval = Duration.ofSeconds(5);

        public int getMaxRetries() { return maxRetries; }
        public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
        public Duration getInitialInterval() { return initialInterval; }
        public void setInitialInterval(Duration initialInterval) { this.initialInterval = initialInterval; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxInterval() { return maxInterval; }
        public void setMaxInterval(Duration maxInterval) { this.maxInterval = maxInterval; }
    }
}
