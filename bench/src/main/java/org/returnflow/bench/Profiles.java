package org.returnflow.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CPU profiles of the stack's JVMs with JDK Flight Recorder, started and dumped with {@code jcmd}
 * (no restart), and summarised from {@code jdk.ExecutionSample} events: the share of samples whose
 * stack passes through each library (inclusive), the hottest methods (top frame), and the time the
 * collector paused the JVM.
 */
public final class Profiles {

    /** A library, by the package prefixes of its frames. */
    record Library(String name, List<String> prefixes) {
    }

    static final List<Library> LIBRARIES = List.of(
            new Library("Camunda engine (incl. MyBatis)", List.of("org.camunda.", "org.apache.ibatis.")),
            new Library("PostgreSQL JDBC driver", List.of("org.postgresql.")),
            new Library("Hikari pool", List.of("com.zaxxer.hikari.")),
            new Library("Hibernate / JPA", List.of("org.hibernate.")),
            new Library("Spring JDBC / transactions", List.of("org.springframework.jdbc.", "org.springframework.transaction.")),
            new Library("Kafka clients", List.of("org.apache.kafka.", "org.springframework.kafka.")),
            new Library("CloudEvents", List.of("io.cloudevents.")),
            new Library("Jackson (JSON)", List.of("com.fasterxml.jackson.")),
            new Library("JSON Schema validation", List.of("com.networknt.")),
            new Library("Tomcat / HTTP server", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
            new Library("Spring MVC", List.of("org.springframework.web.")),
            new Library("Spring Security / JWT", List.of("org.springframework.security.", "com.nimbusds.")),
            new Library("Gateway (Spring Cloud, Resilience4j)", List.of("org.springframework.cloud.", "io.github.resilience4j.")),
            new Library("Mail (Jakarta Mail)", List.of("jakarta.mail.", "org.eclipse.angus.", "com.sun.mail.")),
            new Library("Logging", List.of("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
            new Library("Micrometer", List.of("io.micrometer.")),
            new Library("Crypto (JCA, BigInteger: JWT signatures, SecureRandom)", List.of("sun.security.provider.",
                    "sun.security.rsa.", "sun.security.ec.", "javax.crypto.", "com.sun.crypto.", "java.security.MessageDigest",
                    "java.security.Signature", "java.security.SecureRandom", "java.math.BigInteger")),
            new Library("Returnflow code", List.of("org.returnflow.")),
            new Library("Kafka broker", List.of("kafka.", "org.apache.kafka.storage.", "org.apache.kafka.raft.")));

    /** One process's profile. */
    record Summary(String process, long samples, Map<String, Long> libraries, List<Map.Entry<String, Long>> hottest,
                   List<Map.Entry<String, Long>> threads, List<Map.Entry<String, Long>> entryPoints,
                   long gcPauses, Duration gcPauseTotal, double jvmCpu) {
    }

    private final Path dir;
    private final Map<String, Long> started = new LinkedHashMap<>();

    public Profiles(Path dir) {
        this.dir = dir;
    }

    /** Starts a recording in every Java process of the stack. */
    public void start(Map<String, List<Long>> processes, PrintStream out) {
        processes.forEach((name, pids) -> {
            for (long pid : pids) {
                if (!isJava(pid)) {
                    continue;
                }
                // deep Spring and Camunda stacks: 256 frames instead of JFR's 64 (takes effect before a JVM's first recording)
                jcmd(pid, "JFR.configure", "stackdepth=256");
                if (jcmd(pid, "JFR.start", "name=bench", "settings=profile")) {
                    started.put(name, pid);
                }
            }
        });
        out.println("   JFR recording in " + started.keySet());
    }

    /** Dumps and stops the recordings and summarises each. */
    public List<Summary> stop() throws IOException {
        Files.createDirectories(dir);
        List<Summary> summaries = new ArrayList<>();
        for (Map.Entry<String, Long> p : started.entrySet()) {
            Path file = dir.resolve(p.getKey() + ".jfr").toAbsolutePath();
            Files.deleteIfExists(file);
            jcmd(p.getValue(), "JFR.dump", "name=bench", "filename=" + file);
            jcmd(p.getValue(), "JFR.stop", "name=bench");
            if (Files.exists(file)) {
                summaries.add(summarise(p.getKey(), file));
            }
        }
        return summaries;
    }

    static Summary summarise(String process, Path file) throws IOException {
        long samples = 0;
        Map<String, Long> libraries = new LinkedHashMap<>();
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> entries = new HashMap<>();
        long pauses = 0;
        Duration pauseTotal = Duration.ZERO;
        double cpuSum = 0;
        int cpuCount = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        top.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                        jdk.jfr.consumer.RecordedThread thread = event.getThread("sampledThread");
                        String threadName = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                        threads.merge(threadName.replaceAll("\\d+", "#"), 1L, Long::sum);
                        // the Returnflow method nearest the top of the stack: whose work this sample is
                        String entry = "(no Returnflow frame)";
                        for (RecordedFrame frame : stack.getFrames()) {
                            if (frame.getMethod().getType().getName().startsWith("org.returnflow.")) {
                                entry = frame(frame);
                                break;
                            }
                        }
                        entries.merge(entry, 1L, Long::sum);
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame frame : stack.getFrames()) {
                            String typeName = frame.getMethod().getType().getName();
                            for (Library library : LIBRARIES) {
                                if (!seen.contains(library.name())
                                        && library.prefixes().stream().anyMatch(typeName::startsWith)) {
                                    seen.add(library.name());
                                }
                            }
                        }
                        seen.forEach(l -> libraries.merge(l, 1L, Long::sum));
                    }
                    case "jdk.GarbageCollection" -> {
                        pauses++;
                        pauseTotal = pauseTotal.plus(event.getDuration("sumOfPauses"));
                    }
                    case "jdk.CPULoad" -> {
                        cpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        cpuCount++;
                    }
                    default -> {
                    }
                }
            }
        }
        Map<String, Long> sortedLibraries = new LinkedHashMap<>();
        libraries.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sortedLibraries.put(e.getKey(), e.getValue()));
        List<Map.Entry<String, Long>> hottest = top.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).toList();
        return new Summary(process, samples, sortedLibraries, hottest, top(threads, 6), top(entries, 8), pauses, pauseTotal,
                cpuCount == 0 ? Double.NaN : cpuSum / cpuCount);
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).toList();
    }

    private static String frame(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + " (" + packageOf(type) + ")";
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }

    private static boolean isJava(long pid) {
        try {
            String cmd = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
            return cmd.contains("java");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done || p.exitValue() != 0) {
                System.err.println("jcmd " + pid + " " + String.join(" ", command) + ": " + output.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println("jcmd is not available (" + e.getMessage() + "); no profile");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Comparator<Summary> bySamples() {
        return Comparator.comparingLong(Summary::samples).reversed();
    }
}
