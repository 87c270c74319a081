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

    /**
     * How long the declared topics keep their records ({@code retention.ms}). Consumers deduplicate
     * for longer ({@link #processedRetention}), so a redelivered record is always recognised.
     */
    private Duration topicRetention = Duration.ofDays(7);

    /** How long the dead-letter topics keep their records: long enough for an operator to act. */
    private Duration deadLetterRetention = Duration.ofDays(30);

    /**
     * How long a consumer remembers the CloudEvents ids it handled ({@code processed_message}). It must
     * be longer than any copy of a message can live on a topic: the topics' retention, and the dead
     * letters' retention, since a replay carries the original id.
     */
    private Duration processedRetention = Duration.ofDays(35);

    /** How often the platform prunes old {@code processed_message} and sent outbox rows. */
    private Duration housekeepingInterval = Duration.ofHours(1);

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
    public Duration getTopicRetention() { return topicRetention; }
    public void setTopicRetention(Duration topicRetention) { this.topicRetention = topicRetention; }
    public Duration getDeadLetterRetention() { return deadLetterRetention; }
    public void setDeadLetterRetention(Duration deadLetterRetention) { this.deadLetterRetention = deadLetterRetention; }
    public Duration getProcessedRetention() { return processedRetention; }
    public void setProcessedRetention(Duration processedRetention) { this.processedRetention = processedRetention; }
    public Duration getHousekeepingInterval() { return housekeepingInterval; }
    public void setHousekeepingInterval(Duration housekeepingInterval) { this.housekeepingInterval = housekeepingInterval; }
    public Relay getRelay() { return relay; }
    public Retry getRetry() { return retry; }

    /** The outbox relay. */
    public static class Relay {
        /** Whether this instance relays at all. */
        private boolean enabled = true;
        /** Longest pause between polls when nothing nudges the relay. */
        private Duration pollInterval = Duration.ofMillis(500);
        /** Most rows read and sent in one pass. */
        private int batchSize = 200;
        /** How long to wait for the broker to acknowledge a batch. */
        private Duration sendTimeout = Duration.ofSeconds(30);
        /** Sent rows older than this are purged. */
        private Duration retention = Duration.ofDays(7);
        /** A row that failed this often, for a reason that is not transient, is parked for an operator. */
        private int maxAttempts = 10;
        /** The wait before a failed row is tried again; it doubles with each attempt ... */
        private Duration retryInitialInterval = Duration.ofMillis(500);
        /** ... up to this. */
        private Duration retryMaxInterval = Duration.ofSeconds(10);
        /**
         * How long the relay's lease on the outbox lasts without renewal; another replica's relay takes
         * over only after it expired. Must exceed the producer's max.block.ms plus {@link #sendTimeout}.
         */
        private Duration leaseTime = Duration.ofSeconds(60);

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
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getRetryInitialInterval() { return retryInitialInterval; }
        public void setRetryInitialInterval(Duration retryInitialInterval) { this.retryInitialInterval = retryInitialInterval; }
        public Duration getRetryMaxInterval() { return retryMaxInterval; }
        public void setRetryMaxInterval(Duration retryMaxInterval) { this.retryMaxInterval = retryMaxInterval; }
        public Duration getLeaseTime() { return leaseTime; }
        public void setLeaseTime(Duration leaseTime) { this.leaseTime = leaseTime; }
    }

    /**
     * Retries of a message whose handling failed (see {@link FailureKind}). Every retry waits
     * {@code initial-interval}, growing by {@code multiplier} up to {@code max-interval}. A transient
     * failure is retried without limit; any other failure {@code max-retries} times, then the record
     * goes to the dead-letter topic. A permanent failure is never retried.
     */
    public static class Retry {
        /** Retries of a failure that is neither transient nor permanent, before the dead-letter topic. */
        private int maxRetries = 8;
        private Duration initialInterval = Duration.ofMillis(200);
        private double multiplier = 2.0;
        /** The longest wait between two attempts; it must stay well below the consumer's max.poll.interval.ms. */
        private Duration maxInterval = Duration.ofSeconds(10);

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
