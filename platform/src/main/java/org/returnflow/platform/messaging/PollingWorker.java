package org.returnflow.platform.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A background thread that works off a table: it runs passes while they find work, then sleeps
 * until the poll interval passes or a commit nudges it. The table is the queue, so nothing is lost
 * when the application stops, and several replicas may share it (claims use
 * {@code for update skip locked}).
 *
 * <p>Work may be split into lanes, one thread each: lane {@code i} of {@code n} takes only its share
 * of the rows (for instance by a hash of the caseId), so that lanes never compete for one case.
 *
 * <p>By default it starts after, and stops before, the outbox relay (which is itself one) and the
 * Kafka clients, so that what a pass commits can still be relayed.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration pollInterval;
    private final Lane[] lanes;
    private final AtomicInteger nextLane = new AtomicInteger();
    private volatile boolean running;

    protected PollingWorker(String name, Duration pollInterval) {
        this(name, pollInterval, 1);
    }

    protected PollingWorker(String name, Duration pollInterval, int lanes) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane(i);
        }
    }

    /**
     * Does one pass of work in one lane.
     *
     * @param lane  this thread's lane, from 0
     * @param lanes how many lanes there are
     * @return whether the pass was full, so that more work is likely waiting
     */
    protected abstract boolean runOnce(int lane, int lanes);

    /** Wakes every lane now. */
    public void nudge() {
        for (Lane lane : lanes) {
            lane.nudge();
        }
    }

    /** Wakes the worker once the current transaction commits, or now when there is none. */
    public void nudgeAfterCommit() {
        afterCommit(this::nudge);
    }

    /**
     * Wakes only the lane that owns the new work, once the current transaction commits (or now),
     * so that the other lanes do not each spend a pass finding nothing.
     *
     * @param lane from 0; taken modulo the number of lanes
     */
    protected void nudgeLaneAfterCommit(int lane) {
        Lane owner = lanes[Math.floorMod(lane, lanes.length)];
        afterCommit(owner::nudge);
    }

    /**
     * Wakes one lane, each in turn, once the current transaction commits: for workers whose lanes
     * share one queue (claims with {@code skip locked}), where one new row needs one thread, not all.
     */
    public void nudgeOneLaneAfterCommit() {
        nudgeLaneAfterCommit(nextLane.getAndIncrement());
    }

    /** How many lanes (threads) the worker has. */
    protected int laneCount() {
        return lanes.length;
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        for (Lane lane : lanes) {
            lane.thread = new Thread(lane::loop, lanes.length == 1 ? name : name + "-" + lane.index);
            lane.thread.setDaemon(true);
            lane.thread.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        nudge();
        for (Lane lane : lanes) {
            if (lane.thread != null) {
                try {
                    lane.thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the outbox relay (which starts at {@code MAX_VALUE - 100}); stopped before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }

    /** One thread and its wake-up signal. */
    private final class Lane {
        private final int index;
        private final Object signal = new Object();
        private boolean nudged;
        private Thread thread;

        private Lane(int index) {
            this.index = index;
        }

        private void nudge() {
            synchronized (signal) {
                nudged = true;
                signal.notifyAll();
            }
        }

        private void loop() {
            while (running) {
                boolean more = false;
                try {
                    more = runOnce(index, lanes.length);
                } catch (RuntimeException e) {
                    log.warn("{} pass failed; retrying after {}: {}", name, pollInterval, e.toString());
                }
                if (more) {
                    continue;
                }
                synchronized (signal) {
                    if (!nudged && running) {
                        try {
                            signal.wait(pollInterval.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    nudged = false;
                }
            }
        }
    }
}
