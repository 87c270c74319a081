package org.returnflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One phase of the benchmark at one arrival rate, with everything the report says about it.
 *
 * @param kind        WARM_UP, STEP, REFINE, AT_70_PERCENT
 * @param samples     the backlog over the phase (arrivals and drain)
 * @param stepStart   first arrival
 * @param stepEnd     last arrival
 * @param delta       the stack's counters from before the first arrival until the phase drained
 */
public record PhaseResult(String name, String kind, double rate, Workload.Arrivals arrivals, List<CaseRun> runs,
                          List<BacklogProbe.Sample> samples, Instant stepStart, Instant stepEnd,
                          StackMeter.Delta delta, long probeStatements, MailCheck.Mailboxes mail) {

    public int sent() {
        return runs.size();
    }

    public long started() {
        return runs.stream().filter(CaseRun::started).count();
    }

    public long notified() {
        return runs.stream().filter(CaseRun::notified).count();
    }

    public long refused() {
        return runs.stream().filter(r -> r.status != 0 && r.status != 201).count();
    }

    public long stuck() {
        return runs.stream().filter(r -> r.stuckIn != null && !r.notified()).count();
    }

    /** Cases notified with more than one distinct NOTIFIED event. */
    public long notifiedTwice() {
        return runs.stream().filter(r -> r.notifiedEventIds.size() > 1).count();
    }

    public long redelivered() {
        return runs.stream().mapToLong(r -> r.redelivered).sum();
    }

    /** Notified over sent: 1.00 when every arrival reached NOTIFIED. */
    public double completion() {
        return sent() == 0 ? 0 : (double) notified() / sent();
    }

    public double latency(double percentile) {
        return percentile(runs.stream().mapToDouble(CaseRun::latencyMillis).toArray(), percentile);
    }

    public double observed(double percentile) {
        return percentile(runs.stream().mapToDouble(CaseRun::observedMillis).toArray(), percentile);
    }

    public double answer(double percentile) {
        return percentile(runs.stream().mapToDouble(CaseRun::answerMillis).toArray(), percentile);
    }

    /** Completions per second from the first arrival to the last NOTIFIED: about the rate when the stack keeps up. */
    public double completionRate() {
        Instant last = runs.stream().map(r -> r.notifiedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        if (last == null || stepStart == null) {
            return 0;
        }
        double seconds = Duration.between(stepStart, last).toNanos() / 1e9;
        return seconds <= 0 ? 0 : notified() / seconds;
    }

    /** Backlog samples taken while cases arrived, after the first fifth of the step (the ramp-in). */
    private List<BacklogProbe.Sample> window() {
        Instant from = stepStart.plus(Duration.between(stepStart, stepEnd).dividedBy(5));
        return samples.stream().filter(s -> !s.at().isBefore(from) && !s.at().isAfter(stepEnd)).toList();
    }

    public double backlogMean() {
        return window().stream().mapToLong(BacklogProbe.Sample::total).average().orElse(0);
    }

    public long backlogMax() {
        return samples.stream().filter(s -> !s.at().isAfter(stepEnd)).mapToLong(BacklogProbe.Sample::total).max().orElse(0);
    }

    /** Least-squares growth of the backlog (items per second) over the window. */
    public double backlogSlope() {
        List<BacklogProbe.Sample> w = window();
        if (w.size() < 3) {
            return 0;
        }
        Instant t0 = w.get(0).at();
        double n = w.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (BacklogProbe.Sample s : w) {
            double x = Duration.between(t0, s.at()).toMillis() / 1000.0;
            double y = s.total();
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    /** How much the backlog grew over the window, by the fitted line. */
    public double backlogGrowth() {
        List<BacklogProbe.Sample> w = window();
        if (w.size() < 3) {
            return 0;
        }
        return backlogSlope() * Duration.between(w.get(0).at(), w.get(w.size() - 1).at()).toMillis() / 1000.0;
    }

    /**
     * Flat: over the window the backlog grew by no more than two seconds' worth of arrivals (at least
     * 10 items), or half its mean, whichever is more.
     */
    public boolean backlogFlat() {
        return backlogGrowth() <= Math.max(Math.max(10, 2 * rate), 0.5 * backlogMean());
    }

    /** The knee's test: every case notified, backlog flat, p99 under one second. */
    public boolean keepsUp() {
        return notified() == sent() && backlogFlat() && latency(99) < 1000;
    }

    public double perCase(double total) {
        return notified() == 0 ? Double.NaN : total / notified();
    }

    /** CPU of the whole stack per notified case, in milliseconds. */
    public double cpuPerCase() {
        return perCase(delta.stackCpuMillis());
    }

    /** Database commits per notified case, without the probe's own queries. */
    public double commitsPerCase() {
        return perCase(delta.commits() - probeStatements);
    }

    public double recordsPerCase() {
        return perCase(delta.records());
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
