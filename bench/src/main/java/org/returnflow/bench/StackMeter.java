package org.returnflow.bench;

import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Counters of the whole stack, read before and after a phase:
 * <ul>
 *   <li>CPU time of every process of the stack with all its descendants, from {@code /proc/<pid>/stat}
 *   (utime + stime, plus cutime + cstime of children that already ended), in clock ticks;</li>
 *   <li>the machine's busy CPU time ({@code /proc/stat}), so that load from outside the stack shows;</li>
 *   <li>committed transactions over every database ({@code pg_stat_database.xact_commit});</li>
 *   <li>end offsets over every topic.</li>
 * </ul>
 */
public final class StackMeter {

    /** Linux reports CPU time in USER_HZ ticks, 100 per second on every common kernel. */
    static final double MILLIS_PER_TICK = 10.0;

    /** One reading. */
    public record Reading(Instant at, Map<String, Long> cpuTicks, long benchTicks, long machineBusyTicks,
                          long machineTotalTicks, long commits, long rollbacks, Map<String, Long> commitsByDatabase,
                          Map<String, Long> endOffsets) {

        public long stackTicks() {
            return cpuTicks.values().stream().mapToLong(Long::longValue).sum();
        }

        public long records(boolean internal) {
            return endOffsets.entrySet().stream().filter(e -> internal == e.getKey().startsWith("__"))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** The difference of two readings. */
    public record Delta(Duration elapsed, Map<String, Double> cpuMillis, double benchCpuMillis, double machineBusyMillis,
                        double machineCapacityMillis, long commits, long rollbacks, Map<String, Long> commitsByDatabase,
                        long records, long internalRecords, Map<String, Long> recordsByTopic) {

        public double stackCpuMillis() {
            return cpuMillis.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Busy CPU on the machine that neither the stack nor the benchmark used. */
        public double foreignCpuMillis() {
            return Math.max(0, machineBusyMillis - stackCpuMillis() - benchCpuMillis);
        }
    }

    private final Target target;
    private final BacklogProbe probe;
    private final List<Long> benchPids = new ArrayList<>();

    public StackMeter(Target target, BacklogProbe probe) {
        this.target = target;
        this.probe = probe;
        benchPids.add(ProcessHandle.current().pid());
    }

    /** Counts another process (the engine-only harness) as the benchmark's own. */
    public void addBenchProcess(long pid) {
        benchPids.add(pid);
    }

    public Reading read() {
        Map<Long, long[]> table = processTable();
        Map<String, Long> cpu = new TreeMap<>();
        Set<Long> counted = new HashSet<>();
        target.processes().get().forEach((name, pids) -> {
            long sum = 0;
            for (long pid : pids) {
                sum += treeTicks(pid, table, counted);
            }
            cpu.put(name, sum);
        });
        long bench = 0;
        for (long pid : benchPids) {
            bench += treeTicks(pid, table, counted);
        }
        long[] machine = machineTicks();
        Map<String, Long> byDatabase = new TreeMap<>();
        long[] commits = commits(byDatabase);
        return new Reading(Instant.now(), cpu, bench, machine[0], machine[1], commits[0], commits[1], byDatabase, endOffsets());
    }

    public Delta between(Reading before, Reading after) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        after.cpuTicks().forEach((name, ticks) -> cpu.put(name,
                Math.max(0, ticks - before.cpuTicks().getOrDefault(name, ticks)) * MILLIS_PER_TICK));
        Map<String, Long> byTopic = new TreeMap<>();
        after.endOffsets().forEach((topic, end) -> {
            long delta = end - before.endOffsets().getOrDefault(topic, 0L);
            if (delta != 0) {
                byTopic.put(topic, delta);
            }
        });
        Map<String, Long> byDatabase = new TreeMap<>();
        after.commitsByDatabase().forEach((db, n) -> byDatabase.put(db, n - before.commitsByDatabase().getOrDefault(db, 0L)));
        long internal = byTopic.entrySet().stream().filter(e -> e.getKey().startsWith("__")).mapToLong(Map.Entry::getValue).sum();
        long records = byTopic.values().stream().mapToLong(Long::longValue).sum() - internal;
        return new Delta(Duration.between(before.at(), after.at()), cpu,
                (after.benchTicks() - before.benchTicks()) * MILLIS_PER_TICK,
                (after.machineBusyTicks() - before.machineBusyTicks()) * MILLIS_PER_TICK,
                (after.machineTotalTicks() - before.machineTotalTicks()) * MILLIS_PER_TICK,
                after.commits() - before.commits(), after.rollbacks() - before.rollbacks(), byDatabase, records, internal, byTopic);
    }

    /** CPU ticks of one process and its descendants now. */
    public static long ticksOf(long pid) {
        return treeTicks(pid, processTable(), new HashSet<>());
    }

    /** pid to {ppid, utime + stime + cutime + cstime}, for every process. */
    private static Map<Long, long[]> processTable() {
        Map<Long, long[]> table = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                long[] stat = stat(dir.resolve("stat"));
                if (stat != null) {
                    table.put(Long.parseLong(dir.getFileName().toString()), stat);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e, e);
        }
        return table;
    }

    private static long[] stat(Path file) {
        try {
            String line = Files.readString(file);
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17)
            long ppid = Long.parseLong(f[1]);
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new long[]{ppid, ticks};
        } catch (IOException | RuntimeException gone) {
            return null; // the process ended while we looked
        }
    }

    /** CPU ticks of a process and all its live descendants, each process counted once. */
    private static long treeTicks(long root, Map<Long, long[]> table, Set<Long> counted) {
        Map<Long, List<Long>> children = new HashMap<>();
        table.forEach((pid, s) -> children.computeIfAbsent(s[0], p -> new ArrayList<>()).add(pid));
        long sum = 0;
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.remove(todo.size() - 1);
            long[] s = table.get(pid);
            if (s == null || !counted.add(pid)) {
                continue;
            }
            sum += s[1];
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return sum;
    }

    /** {busy, total} ticks of all CPUs since boot. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (IOException e) {
            return new long[]{0, 0};
        }
    }

    /** {xact_commit, xact_rollback} over every database of the server; each database's commits into {@code byDatabase}. */
    private long[] commits(Map<String, Long> byDatabase) {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl("postgres"), target.dbUser(), target.dbPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(datname, '(shared)'), xact_commit, xact_rollback from pg_stat_database")) {
            long commits = 0;
            long rollbacks = 0;
            while (rs.next()) {
                byDatabase.put(rs.getString(1), rs.getLong(2));
                commits += rs.getLong(2);
                rollbacks += rs.getLong(3);
            }
            return new long[]{commits, rollbacks};
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database: " + e.getMessage(), e);
        }
    }

    /** End offset sums by topic, over every topic of the broker (internal ones included). */
    private Map<String, Long> endOffsets() {
        try {
            Set<String> topics = probe.admin().listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get(10, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = new HashSet<>();
            probe.admin().describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            Map<TopicPartition, Long> ends = probe.endOffsets(partitions);
            return ends.entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().topic(), TreeMap::new,
                    Collectors.summingLong(Map.Entry::getValue)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets from Kafka: " + e, e);
        }
    }
}
