package org.returnflow.workflow.process;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Cases that made no progress past their timers: the gauge {@code returnflow.workflow.timers.overdue}
 * counts the timers of running, not suspended, cases that were due more than {@code grace} ago and
 * have not fired. Every timer of the process (a reply timeout, the consent window, a seat retry, the
 * departure check) moves its case on when it fires, so a timer still there after its due time means
 * the case is stuck: its job failed and waits as an incident, or no job executor runs. A case an
 * operator suspended is not counted. Prometheus alerts on it (infra/prometheus/rules.yml,
 * {@code CaseStalledPastTimer}).
 */
@Component
public class OverdueTimers {

    private final ManagementService management;
    private final Clock clock;
    private final Duration grace;

    public OverdueTimers(ManagementService management, MeterRegistry meters,
                         @Value("${returnflow.workflow.overdue-timer-grace:PT5M}") Duration grace) {
        this.management = management;
        this.clock = Clock.systemUTC();
        this.grace = grace;
        Gauge.builder("returnflow.workflow.timers.overdue", this, OverdueTimers::countOrNaN)
                .description("Timers of running cases due for longer than the grace and not fired: cases that do not move")
                .register(meters);
    }

    /** Timers of active cases that were due before now minus the grace. */
    public long count() {
        Date dueBefore = Date.from(clock.instant().minus(grace));
        return management.createJobQuery().timers().active().duedateLowerThan(dueBefore).count();
    }

    private double countOrNaN() {
        try {
            return count();
        } catch (RuntimeException e) {
            return Double.NaN; // the database cannot be asked now; the scrape shows no value rather than 0
        }
    }
}
