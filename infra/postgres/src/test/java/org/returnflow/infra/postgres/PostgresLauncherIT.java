package org.returnflow.infra.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged launcher as {@code ./returnflow up} does and checks what a service would see. */
class PostgresLauncherIT {

    @TempDir
    Path dataDir;

    private Process launcher;
    private final StringBuffer log = new StringBuffer();

    @AfterEach
    void stop() throws InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        }
    }

    @Test
    void createsEveryServiceDatabaseStopsOnSigtermAndKeepsDataAcrossRestarts() throws Exception {
        int port = freePort();

        start(port);
        assertThat(databases(port)).contains("detention", "consent", "flight", "notification", "workflow");
        try (Connection c = connect(port, "detention"); Statement s = c.createStatement()) {
            s.execute("create table kept (id int primary key)");
            s.execute("insert into kept values (42)");
        }

        launcher.destroy();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("launcher stops on SIGTERM").isTrue();
        assertThat(portIsFree(port)).as("PostgreSQL stopped with the launcher").isTrue();
        log.setLength(0);

        start(port);
        try (Connection c = connect(port, "detention"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    private void start(int port) throws IOException, InterruptedException {
        Path jar = Path.of("target", "returnflow-postgres-launcher.jar").toAbsolutePath();
        assertThat(jar).exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", jar.toString()).redirectErrorStream(true);
        pb.environment().remove("RETURNFLOW_DB_URL");
        pb.environment().put("RETURNFLOW_PG_PORT", String.valueOf(port));
        pb.environment().put("RETURNFLOW_PG_DATA", dataDir.toString());
        launcher = pb.start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(launcher.getInputStream(), UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                    if (line.startsWith(PostgresLauncher.READY_MESSAGE)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "postgres-log");
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.await(120, TimeUnit.SECONDS)).as("PostgreSQL ready; log:%n%s", log).isTrue();
        assertThat(log).contains("database workflow: jdbc:postgresql://localhost:" + port + "/workflow");
    }

    private static List<String> databases(int port) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select datname from pg_database")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
