package org.returnflow.infra.postgres;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Provides PostgreSQL for the local stack and creates one database per service.
 *
 * <ul>
 *   <li>With {@code RETURNFLOW_DB_URL} set (an admin JDBC URL of an existing server), it creates the
 *       databases there and exits 0.</li>
 *   <li>Otherwise it starts embedded PostgreSQL on {@code RETURNFLOW_PG_PORT} (default 15432) with its data in
 *       {@code RETURNFLOW_PG_DATA} (default {@code .returnflow/pg}), creates the databases, prints
 *       {@value #READY_MESSAGE}, and runs until SIGTERM. The data directory is kept, so data survives restarts.</li>
 * </ul>
 * Arguments name the databases; without arguments it creates those of {@link #DEFAULT_DATABASES}.
 */
public final class PostgresLauncher {

    public static final String READY_MESSAGE = "PostgreSQL ready";
    public static final List<String> DEFAULT_DATABASES = List.of("detention", "consent", "flight", "notification", "workflow");

    private PostgresLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PostgresServer server;
        try {
            server = PostgresServer.fromEnvironment("RETURNFLOW_DB_URL", settings.dataDir(), settings.port());
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL could not be provided: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            for (String database : settings.databases()) {
                server.createDatabaseIfMissing(database);
                System.out.println("database " + database + ": " + server.jdbcUrl(database));
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            server.close();
            System.exit(1);
            return;
        }
        if (!server.isEmbedded()) {
            System.out.println("Databases provisioned on the external server; nothing to keep running.");
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping PostgreSQL");
            server.close();
            stopped.countDown();
        }, "postgres-stop"));
        System.out.printf("%s on port %d (user %s), data in %s%n", READY_MESSAGE, server.port(), server.username(),
                settings.dataDir().toAbsolutePath());
        System.out.flush();
        stopped.await();
    }

    record Settings(Path dataDir, int port, List<String> databases) {

        static Settings from(String[] args, Map<String, String> env) {
            Path dataDir = Path.of(env.getOrDefault("RETURNFLOW_PG_DATA", ".returnflow/pg"));
            String portText = env.getOrDefault("RETURNFLOW_PG_PORT", "15432");
            int port;
            try {
                port = Integer.parseInt(portText.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("RETURNFLOW_PG_PORT must be a port number, got '" + portText + "'");
            }
            List<String> databases = args.length == 0 ? DEFAULT_DATABASES : List.of(args);
            return new Settings(dataDir, port, databases);
        }
    }
}
