package org.returnflow.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.stack.StackProcesses;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * "Your first case" ({@code docs/first-case.md}) is run as written: every {@code bash} block of the
 * page, in order, in one bash process from the repository's root, against the whole stack started
 * from its jars on free ports with the local mail sink. The page takes its ports from the same
 * variables as {@code ./returnflow} ({@code GATEWAY_PORT}, …), so the blocks run unchanged here. A
 * block right after the comment {@code <!-- walkthrough: not run …-->} is left out (starting the
 * stack). The run must end with a NOTIFIED case, three delivered notices, three e-mails in the mail
 * sink and a revoked token refused through the gateway and by the workflow directly. Its output is
 * kept in {@code e2e/target/first-case.out}, where the page's sample outputs come from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstCaseIT {

    static final String PAGE = "docs/first-case.md";
    static final String NOT_RUN = "<!-- walkthrough: not run";
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");

    private final Path root = Path.of(System.getProperty("returnflow.root", "..")).toAbsolutePath().normalize();
    private final Path target = root.resolve("e2e/target");
    private StackProcesses stack;

    /** One shell block of the page and the line it starts on. */
    record Block(int line, String code) {
    }

    @BeforeAll
    void startTheStack() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        Path work = Path.of(System.getProperty("returnflow.e2e.work", target.resolve("e2e-stack").toString()))
                .resolveSibling("first-case-stack");
        stack = StackProcesses.builder("firstcase", root, work, infrastructure.postgres(),
                infrastructure.kafkaBootstrapServers()).withMailSink().start();
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theWalkthroughRunsAsWrittenToANotifiedCaseWithItsThreeEmails() throws Exception {
        List<Block> blocks = blocks(Files.readAllLines(root.resolve(PAGE)));
        assertThat(blocks).as("bash blocks of " + PAGE).hasSizeGreaterThan(8)
                .noneSatisfy(b -> assertThat(b.code()).contains("./returnflow up"));

        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (Block block : blocks) {
            script.append("echo '>>> ").append(PAGE).append(':').append(block.line()).append("'\n")
                    .append(block.code()).append('\n');
        }
        Path scriptFile = target.resolve("first-case.sh");
        Path output = target.resolve("first-case.out");
        Files.createDirectories(target);
        Files.writeString(scriptFile, script);

        ProcessBuilder bash = new ProcessBuilder("bash", scriptFile.toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        bash.environment().putAll(ports());
        bash.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process run = bash.start();
        boolean finished = run.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println("first-case: the walkthrough's output (" + output + "):\n" + out);
        if (!finished || run.exitValue() != 0) {
            fail(PAGE + (finished ? " failed (exit " + run.exitValue() + ")" : " did not finish in 8 minutes")
                    + " at the last block shown in its output; the end of every process's log:" + stack.tails(30));
        }

        assertThat(out).contains("the case is AWAITING_CONSENT", "requiresConsent=false", "the case is NOTIFIED",
                "\"voluntary\": true");
        assertThat(count(out, "\"status\":\"DELIVERED\"")).as("notices delivered").isEqualTo(3);
        assertThat(out).contains("\"recipientType\":\"DETAINEE\"", "\"recipientType\":\"COUNSEL\"",
                "\"recipientType\":\"CONSULATE\"");
        assertThat(out).as("./returnflow mail").contains("3 messages", "notices.la-asf@ice.example",
                "d.whitfield@counsel.example", "consular@irn.example");
        assertThat(out).contains("gateway: 401, workflow directly: 401");
    }

    /** The page's {@code bash} blocks, in order, without those marked as not run. */
    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                if (!lines.get(i).isBlank()) {
                    previous = lines.get(i).strip();
                }
                continue;
            }
            int start = i;
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                code.append(lines.get(i)).append('\n');
            }
            if (fence.group(1).equals("bash") && !previous.startsWith(NOT_RUN)) {
                blocks.add(new Block(start + 1, code.toString()));
            }
            previous = "```";
        }
        return blocks;
    }

    /** The stack's ports, in the variables the page and ./returnflow read. */
    private Map<String, String> ports() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_PORT", port(StackProcesses.GATEWAY));
        env.put("AUTH_SERVER_PORT", port(StackProcesses.AUTH_SERVER));
        env.put("WORKFLOW_PORT", port(StackProcesses.WORKFLOW));
        for (String service : StackProcesses.SERVICES) {
            env.put(service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PORT", port(service));
        }
        env.put("MAIL_API_PORT", Integer.toString(stack.mailApi().getPort()));
        return env;
    }

    private String port(String app) {
        return Integer.toString(stack.app(app).port());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
