package org.returnflow.e2e;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code java -jar e2e/target/e2e.jar [--size 1.0] [--seed 2026]}: runs the reference scenario
 * against a running local stack ({@code ./returnflow demo} starts it first), prints the summary
 * with the safeguard audit and the addresses to look at it, and exits 1 when a safeguard failed
 * and 2 when the scenario could not run.
 *
 * <p>Ports and secrets come from the same environment variables as {@code ./returnflow}:
 * {@code GATEWAY_PORT}, {@code AUTH_SERVER_PORT}, {@code WORKFLOW_PORT}, the service ports,
 * {@code RETURNFLOW_CLIENT_<ID>_SECRET}, {@code CAMUNDA_<USER>_PASSWORD}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        double size = 1.0;
        long seed = 2026;
        Duration phaseTimeout = Duration.ofMinutes(6);
        boolean offloadOne = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--phase-timeout" -> phaseTimeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--offload-one" -> offloadOne = true;
                case "-h", "--help" -> {
                    out.println("Usage: java -jar e2e.jar [--size FACTOR] [--seed N] [--phase-timeout SECONDS] [--offload-one]");
                    out.println("  --offload-one  leave one item of one passenger of the first flight unpacked (S9 offload)");
                    return;
                }
                default -> {
                    System.err.println("Unknown argument " + args[i] + "; try --help");
                    System.exit(2);
                }
            }
        }
        Map<String, String> env = System.getenv();
        ReturnflowApi api = new ReturnflowApi(ReturnflowApi.Settings.fromEnvironment(env));
        Instant started = Instant.now();
        out.printf("Returnflow reference scenario: seed %d, size %.2f, gateway %s%n", seed, size, api.settings().gateway());
        int status;
        try {
            ReferenceScenario scenario = new ReferenceScenario(api,
                    new ReferenceScenario.Options(size, seed, offloadOne, phaseTimeout, out));
            ReferenceScenario.Result result = scenario.run();
            Summary summary = Summary.of(api, result);
            summary.print(out);
            out.printf("Scenario and summary took %d s; %d API calls (%d waited for the rate limit).%n",
                    Duration.between(started, Instant.now()).toSeconds(), api.calls(), api.throttled());
            status = summary.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            out.println();
            out.println("The scenario stopped: " + e.getMessage());
            e.printStackTrace(out);
            status = 2;
        }
        printAddresses(out, env, api.settings());
        System.exit(status);
    }

    static void printAddresses(PrintStream out, Map<String, String> env, ReturnflowApi.Settings settings) {
        String host = env.getOrDefault("RETURNFLOW_HOST", "localhost");
        out.println();
        out.println("Where to look");
        out.printf("  Cockpit     %s/camunda/app/cockpit/   log in as admin / %s (or operator1 / %s)%n", settings.workflow(),
                env.getOrDefault("CAMUNDA_ADMIN_PASSWORD", "admin"), settings.camundaPassword().apply("operator1"));
        out.printf("  Tasklist    %s/camunda/app/tasklist/  reviewer1, reviewer2, supervisor1 (password: the user id, locally)%n",
                settings.workflow());
        out.printf("  Gateway     %s/api/...   (tokens: ./returnflow token CLIENT)%n", settings.gateway());
        out.println("  Swagger UI");
        String[][] services = {{"detention-service", "DETENTION_SERVICE_PORT", "8081"}, {"consent-service", "CONSENT_SERVICE_PORT", "8082"},
                {"flight-service", "FLIGHT_SERVICE_PORT", "8083"}, {"notification-service", "NOTIFICATION_SERVICE_PORT", "8084"},
                {"workflow", "WORKFLOW_PORT", "8080"}};
        for (String[] s : services) {
            out.printf("    %-21s http://%s:%s/swagger-ui.html%n", s[0], host, env.getOrDefault(s[1], s[2]));
        }
        out.printf("  Mail        ./returnflow mail   (the SMTP sink's API: http://%s:%s/)%n", host, env.getOrDefault("MAIL_API_PORT", "8025"));
    }
}
