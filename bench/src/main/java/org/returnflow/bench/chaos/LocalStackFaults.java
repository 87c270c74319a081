package org.returnflow.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults on the stack of {@code ./returnflow up} in a checkout: a process is found by its pid file in
 * {@code .returnflow/run} ({@value #POSTGRES} also by {@code .returnflow/pg/postmaster.pid}, since the
 * server is not a child of its launcher), and {@code ./returnflow up}, which starts only what is missing,
 * brings it back (with the ports of this process's environment).
 */
public final class LocalStackFaults implements Faults {

    private final Path root;

    public LocalStackFaults(Path root) {
        this.root = root;
    }

    @Override
    public void kill(String name) throws Exception {
        Path state = root.resolve(".returnflow");
        List<ProcessHandle> roots = new ArrayList<>();
        pid(state.resolve("run").resolve(name + ".pid")).flatMap(ProcessHandle::of).ifPresent(roots::add);
        if (POSTGRES.equals(name)) {
            pid(state.resolve("pg").resolve("postmaster.pid")).flatMap(ProcessHandle::of).ifPresent(roots::add);
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException(name + " is not running: no live pid in " + state.resolve("run"));
        }
        Faults.killAll(roots);
    }

    /**
     * {@code ./returnflow up --no-build}, allowing each process 10 minutes to report UP (a loaded machine
     * restarts the workflow slowly), and once more if it fails.
     */
    @Override
    public void restart(String name) throws Exception {
        Path log = root.resolve(".returnflow/logs/chaos-up.log");
        Files.createDirectories(log.getParent());
        int exit = -1;
        for (int attempt = 1; attempt <= 2 && exit != 0; attempt++) {
            ProcessBuilder builder = new ProcessBuilder(root.resolve("returnflow").toString(), "up", "--no-build")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putIfAbsent("RETURNFLOW_START_TIMEOUT", "600");
            exit = builder.start().waitFor();
        }
        if (exit != 0) {
            throw new IllegalStateException("./returnflow up failed twice (exit " + exit + ") while restarting " + name
                    + "; see " + log);
        }
    }

    private static java.util.Optional<Long> pid(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return first.matches("\\d+") ? java.util.Optional.of(Long.parseLong(first)) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
