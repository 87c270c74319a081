package org.returnflow.notification.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

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

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public long getIntervalMs() { return intervalMs; }
        public void setIntervalMs(long intervalMs) { this.intervalMs = intervalMs; }
        public int getThreads() { return threads; }
        public void setThreads(int threads) { this.threads = threads; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    }
}
