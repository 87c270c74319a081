package org.returnflow.notification.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code returnflow.notification}. */
@ConfigurationProperties("returnflow.notification")
public class NotificationProperties {

    /** Sender address of every notice. */
    private String from = "notices@returnflow.local";
    /** Right-hand side of the Message-ID, {@code <notification-id@domain>}. */
    private String messageIdDomain = "returnflow.local";
    private final Sender sender = new Sender();

    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public String getMessageIdDomain() { return messageIdDomain; }
    public void setMessageIdDomain(String messageIdDomain) { this.messageIdDomain = messageIdDomain; }
    public Sender getSender() { return sender; }

    /** The sender of pending notices. */
    public static class Sender {
        /** Whether this instance sends at all. */
        private boolean enabled = true;
        /**
         * Longest pause between passes, in milliseconds ({@code returnflow.notification.sender.interval-ms});
         * a stored notice wakes the sender at once.
         */
        private long intervalMs = 1000;
        /** Threads that send side by side. */
        private int threads = 2;
        /** Most notices sent in one pass. */
        private int batchSize = 50;
        /**
         * How long a claim (SENDING) stays a live sender's: a notice still SENDING after this was left by
         * a sender that died, and another sender sends it again with the same Message-ID. It must exceed
         * the longest a live sender can take over one notice (every SMTP retry and its backoff).
         */
        private Duration claimGrace = Duration.ofMinutes(10);
        /**
         * A sender starts no SMTP attempt later than this before its claim's grace ends, so that an
         * attempt in progress never overlaps with another sender's resend.
         */
        private Duration attemptMargin = Duration.ofMinutes(2);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public long getIntervalMs() { return intervalMs; }
        public void setIntervalMs(long intervalMs) { this.intervalMs = intervalMs; }
        public int getThreads() { return threads; }
        public void setThreads(int threads) { this.threads = threads; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public Duration getClaimGrace() { return claimGrace; }
        public void setClaimGrace(Duration claimGrace) { this.claimGrace = claimGrace; }
        public Duration getAttemptMargin() { return attemptMargin; }
        public void setAttemptMargin(Duration attemptMargin) { this.attemptMargin = attemptMargin; }
    }
}
