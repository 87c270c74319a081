package org.returnflow.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a chaos run does to the processes of a stack: SIGKILL one (an application, {@value #KAFKA} or
 * {@value #POSTGRES}, whose server and every backend go down with it) and start it again on the same
 * data and port. {@link LocalStackFaults} works on the stack of {@code ./returnflow up}; a test works on
 * the test kit's {@code StackProcesses}.
 */
public interface Faults {

    String KAFKA = "kafka";
    String POSTGRES = "postgres";

    /** SIGKILL, no shutdown hook runs; returns once the process (and its descendants) are gone. */
    void kill(String name) throws Exception;

    /** Starts it again on the same data and port and returns once it answers; what depends on it may still recover. */
    void restart(String name) throws Exception;

    /** One kill: the process, how long it stays down, and how long the run waits after its restart before the next. */
    record Fault(String name, Duration down, Duration after) {
        @Override
        public String toString() {
            return name + " down " + down.toSeconds() + " s";
        }
    }

    /**
     * SIGKILLs a process and everything it started (a launcher's PostgreSQL server and its backends, say),
     * and waits until they are gone.
     */
    static void killTree(long pid) throws InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        killAll(List.of(handle.get()));
    }

    /** SIGKILLs these processes and all their descendants at once, then waits for each to be gone. */
    static void killAll(Collection<ProcessHandle> roots) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : roots) {
            all.addAll(root.descendants().toList());
            all.add(root);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("pid " + p.pid() + " did not stop after SIGKILL", e);
            }
        }
    }
}
