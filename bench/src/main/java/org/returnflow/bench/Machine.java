package org.returnflow.bench;

import org.apache.kafka.common.utils.AppInfoParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmark ran on: the machine, the JDK, the versions and the stack's settings. */
public record Machine(Map<String, String> facts) {

    static Machine describe(Path root, Target target) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM ("
                + onlineCpus() + " online)");
        f.put("Memory", memory());
        f.put("OS", osRelease() + ", Linux " + read("/proc/sys/kernel/osrelease").strip());
        f.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        f.put("Stack JVM options", jvmOptions(target));
        f.put("Spring Boot", parentVersion(root));
        f.put("Camunda", org.camunda.bpm.engine.ProcessEngine.class.getPackage().getImplementationVersion() == null
                ? "7.24.0" : org.camunda.bpm.engine.ProcessEngine.class.getPackage().getImplementationVersion());
        f.put("Kafka", AppInfoParser.getVersion() + " (clients; the broker is kafka_2.13 of the same Boot-managed version)");
        f.put("PostgreSQL", postgres(target));
        f.put("Git", System.getenv().getOrDefault("BENCH_GIT", "unknown"));
        f.put("Load average at start", read("/proc/loadavg").strip());
        return new Machine(f);
    }

    /** The -X options of each Java process of the stack, from its command line; the same ones grouped. */
    private static String jvmOptions(Target target) {
        Map<String, java.util.List<String>> byOptions = new LinkedHashMap<>();
        target.processes().get().forEach((name, pids) -> {
            for (long pid : pids) {
                String[] args = read("/proc/" + pid + "/cmdline").split("\0");
                if (args.length == 0 || !args[0].endsWith("java")) {
                    continue;
                }
                StringBuilder options = new StringBuilder();
                for (String a : args) {
                    if (a.startsWith("-X")) {
                        options.append(options.length() == 0 ? "" : " ").append(a);
                    }
                }
                byOptions.computeIfAbsent(options.toString(), o -> new java.util.ArrayList<>()).add(name);
            }
        });
        if (byOptions.isEmpty()) {
            return "unknown (no process of the stack found)";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        byOptions.forEach((options, names) -> parts.add("`" + options + "`: " + String.join(", ", names)));
        return String.join("; ", parts);
    }

    String oneLine() {
        return "Machine: " + facts.get("CPU") + "; " + facts.get("Memory") + "; " + facts.get("JDK");
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown CPU";
    }

    private static String onlineCpus() {
        String online = read("/sys/devices/system/cpu/online").strip();
        return online.isEmpty() ? "?" : online;
    }

    private static String memory() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    private static String osRelease() {
        Matcher m = Pattern.compile("PRETTY_NAME=\"?([^\"\\n]*)").matcher(read("/etc/os-release"));
        return m.find() ? m.group(1) : "unknown OS";
    }

    private static String parentVersion(Path root) {
        Matcher m = Pattern.compile("<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read(root.resolve("pom.xml").toString()));
        return m.find() ? m.group(1) : "unknown";
    }

    private static String postgres(Target target) {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl("postgres"), target.dbUser(), target.dbPassword());
             Statement s = c.createStatement()) {
            StringBuilder b = new StringBuilder();
            try (ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                b.append(rs.getString(1));
            }
            for (String setting : new String[]{"synchronous_commit", "shared_buffers", "max_connections"}) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    b.append(", ").append(setting).append("=").append(rs.getString(1));
                }
            }
            return b + (target.jdbcServer().contains("localhost") ? " (on this machine)" : "");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
