package org.returnflow.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code returnflow.observability}: traces of cases and the dead-letter gauge. */
@ConfigurationProperties("returnflow.observability")
public class ObservabilityProperties {

    /**
     * One case, one trace: messages about a case continue the case's trace even when they are written
     * where no span is, or in another trace (MessageTracing). Off: each message keeps the trace it was
     * written in.
     */
    private boolean caseTraces = true;

    /** How long a case's trace record is kept after its last message; a case quiet for longer starts a new trace. */
    private Duration caseTraceRetention = Duration.ofDays(90);

    private final DeadLetterGauge deadLetterGauge = new DeadLetterGauge();

    public boolean isCaseTraces() { return caseTraces; }
    public void setCaseTraces(boolean caseTraces) { this.caseTraces = caseTraces; }
    public Duration getCaseTraceRetention() { return caseTraceRetention; }
    public void setCaseTraceRetention(Duration caseTraceRetention) { this.caseTraceRetention = caseTraceRetention; }
    public DeadLetterGauge getDeadLetterGauge() { return deadLetterGauge; }

    /** The gauge of dead letters waiting per dead-letter topic ({@code returnflow.messaging.dead.letters.waiting}). */
    public static class DeadLetterGauge {
        /** Whether this process reads the dead-letter topics for the gauge; one process of a stack is enough. */
        private boolean enabled;
        /** How often it reads them. */
        private Duration interval = Duration.ofSeconds(30);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
    }
}
