package org.returnflow.infra.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.returnflow.platform.messaging.DeadLetters;
import org.returnflow.platform.messaging.DeadLetters.DeadLetter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

/**
 * {@code ./returnflow dlt}: the dead letters an operator acts on.
 *
 * <ul>
 *   <li>{@code dlt list [TOPIC]}: each dead letter of {@code TOPIC.DLT} (or of every dead-letter topic)
 *   with its position, time, CloudEvents type, subject (the caseId) and id, the error, where it came
 *   from, and whether and by whom it was replayed.</li>
 *   <li>{@code dlt replay TOPIC --id ID [--id ID …] | --all}: sends dead letters back to the topic they
 *   came from with their original CloudEvents id and headers, so consumers' deduplication holds.
 *   {@code --all} leaves out what was replayed before and what is not a CloudEvent.</li>
 * </ul>
 * TOPIC may be the source topic ({@code detention.commands}) or its dead-letter topic. The bootstrap
 * server is {@code --bootstrap-server}, else {@code KAFKA_BOOTSTRAP_SERVERS}, else {@code localhost:9092}.
 */
public final class DeadLetterTool {

    static final String USAGE = "usage: dlt list [TOPIC] | dlt replay TOPIC (--id ID [--id ID ...] | --all)"
            + "  [--bootstrap-server HOST:PORT]";
    private static final int MESSAGE_WIDTH = 200;

    private DeadLetterTool() {
    }

    public static void main(String[] args) {
        TopicTail.quietLogging();
        // An unreachable broker is reported once, below, not as a warning every second.
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
            context.getLogger("org.apache.kafka.clients").setLevel(Level.ERROR);
        }
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs one command; returns the exit status (0 done, 1 failed, 2 wrong usage). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Options options;
        Map<String, Object> client = new java.util.HashMap<>();
        try {
            options = Options.parse(args, env);
            client.putAll(BrokerSecurity.toolCredentials(env));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        client.put("bootstrap.servers", options.bootstrapServers());
        DeadLetters deadLetters = new DeadLetters(client);
        try {
            return options.replay() ? replay(deadLetters, options, out, err) : list(deadLetters, options, out);
        } catch (DeadLetters.UnknownDeadLettersException e) {
            err.println(e.getMessage() + "; nothing was replayed. ./returnflow dlt list " + options.topic()
                    + " shows the ids.");
            return 1;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("Kafka at " + options.bootstrapServers() + " does not answer. Is the stack running? (./returnflow up)");
            return 1;
        }
    }

    private static int list(DeadLetters deadLetters, Options options, PrintStream out) {
        List<String> topics = options.topic() != null ? List.of(DeadLetters.deadLetterTopic(options.topic()))
                : deadLetters.existingDeadLetterTopics();
        int total = 0;
        for (String topic : topics) {
            List<DeadLetter> letters = deadLetters.list(topic);
            if (letters.isEmpty() && options.topic() == null) {
                continue;
            }
            long replayed = letters.stream().filter(DeadLetter::replayed).count();
            out.printf("%s: %d dead letter%s, %d replayed%n", topic, letters.size(), letters.size() == 1 ? "" : "s",
                    replayed);
            letters.forEach(d -> out.print(format(d)));
            total += letters.size();
        }
        if (total == 0 && options.topic() == null) {
            out.println("No dead letters.");
        }
        return 0;
    }

    private static int replay(DeadLetters deadLetters, Options options, PrintStream out, PrintStream err) {
        String by = "cli:" + System.getProperty("user.name", "unknown");
        DeadLetters.ReplayResult result = options.all() ? deadLetters.replayAll(options.topic(), by)
                : deadLetters.replay(options.topic(), options.ids(), by);
        for (DeadLetters.Replayed r : result.replayed()) {
            out.printf("replayed %s (%s, subject %s) from %s to %s-%d@%d%n", r.id(), r.type(), r.subject(), r.from(),
                    r.toTopic(), r.toPartition(), r.toOffset());
        }
        for (DeadLetters.Skipped s : result.skipped()) {
            out.printf("skipped %s%s: %s%n", s.position(), s.id() == null ? "" : " (" + s.id() + ")", s.reason());
        }
        out.printf("%d replayed, %d skipped%n", result.replayed().size(), result.skipped().size());
        return 0;
    }

    /** One dead letter as a few indented lines. */
    static String format(DeadLetter d) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  %-8s %s  %s  subject %s  id %s%n", d.position(), d.failedAt(),
                d.type() == null ? "(not a CloudEvent)" : d.type(), orDash(d.subject()), orDash(d.id())));
        sb.append(String.format("           %s %s: %s%n", orDash(d.failureKind()), orDash(d.errorClass()),
                oneLine(d.errorMessage())));
        sb.append(String.format("           from %s%s%s%n", d.sourceTopic(),
                d.sourcePartition() == null ? "" : "-" + d.sourcePartition() + "@" + d.sourceOffset(),
                d.consumerGroup() == null ? "" : " (consumer " + d.consumerGroup() + ")"));
        if (d.replayed()) {
            sb.append(String.format("           replayed %s by %s%n", d.replayedAt(), orDash(d.replayedBy())));
        }
        return sb.toString();
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "-";
        }
        String flat = message.replaceAll("\\s+", " ").trim();
        return flat.length() <= MESSAGE_WIDTH ? flat : flat.substring(0, MESSAGE_WIDTH) + "…";
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    record Options(boolean replay, String topic, List<String> ids, boolean all, String bootstrapServers) {

        static Options parse(String[] args, Map<String, String> env) {
            if (args.length == 0 || !List.of("list", "replay").contains(args[0])) {
                throw new IllegalArgumentException("name what to do: list or replay");
            }
            boolean replay = args[0].equals("replay");
            String topic = null;
            List<String> ids = new ArrayList<>();
            boolean all = false;
            String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--id" -> ids.add(value(args, ++i, "--id"));
                    case "--all" -> all = true;
                    case "--bootstrap-server" -> bootstrap = value(args, ++i, "--bootstrap-server");
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        if (topic != null) {
                            throw new IllegalArgumentException("one topic only, got " + topic + " and " + args[i]);
                        }
                        topic = args[i];
                    }
                }
            }
            if (!replay && (all || !ids.isEmpty())) {
                throw new IllegalArgumentException("--id and --all belong to replay");
            }
            if (replay && topic == null) {
                throw new IllegalArgumentException("name the topic to replay, e.g. detention.commands");
            }
            if (replay && all == !ids.isEmpty()) {
                throw new IllegalArgumentException("replay needs either --id ID (one or more) or --all");
            }
            return new Options(replay, topic, List.copyOf(ids), all, bootstrap);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
