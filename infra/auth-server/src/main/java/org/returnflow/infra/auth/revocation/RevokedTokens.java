package org.returnflow.infra.auth.revocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access tokens revoked before they expire, by their {@code jti}, each kept until its own
 * expiry (after that the token is refused everywhere anyway). The list is what the gateway and the
 * services fetch from {@code GET /oauth2/revocations}. It is written to a file on every change, so a
 * restart of this server does not bring a revoked token back to life.
 */
public class RevokedTokens {

    /** One revoked token: its id and when it would have expired. */
    public record Revoked(String jti, Instant expiresAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(RevokedTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Path file;
    private final Clock clock;

    /** @param file where the list is kept, or {@code null} to keep it in memory only */
    public RevokedTokens(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        if (file != null && Files.isRegularFile(file)) {
            try {
                List<Revoked> stored = JSON.readValue(file.toFile(), new TypeReference<List<Revoked>>() { });
                stored.forEach(r -> revoked.put(r.jti(), r.expiresAt()));
                log.info("{} revoked tokens read from {}", current().size(), file);
            } catch (IOException e) {
                throw new UncheckedIOException("The revoked tokens in " + file + " cannot be read", e);
            }
        }
    }

    /** Records a revocation; a token that has already expired needs none. */
    public synchronized void revoke(String jti, Instant expiresAt) {
        if (expiresAt.isAfter(clock.instant())) {
            revoked.put(jti, expiresAt);
            revoked.values().removeIf(expiry -> !expiry.isAfter(clock.instant()));
            store();
        }
    }

    /** The tokens revoked and not yet expired, the soonest to expire first. */
    public List<Revoked> current() {
        Instant now = clock.instant();
        return revoked.entrySet().stream().filter(e -> e.getValue().isAfter(now))
                .map(e -> new Revoked(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Revoked::expiresAt).thenComparing(Revoked::jti)).toList();
    }

    private void store() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            JSON.writeValue(next.toFile(), current());
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The revoked tokens cannot be written to " + file, e);
        }
    }
}
