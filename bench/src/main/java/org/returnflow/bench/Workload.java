package org.returnflow.bench;

import org.returnflow.contracts.consent.ConsentRequested;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload W1 in an open model: cases arrive at a constant rate from a clock, never from answers,
 * so that a slow platform cannot hold back arrivals and hide its latency. Each arrival opens a case
 * through the gateway ({@code POST /api/removal-cases}); the simulated officer gives consent through
 * the consent API as soon as {@code ConsentRequested} appears; the rest (eligibility, seat, three
 * notices) is the platform's own work until {@code CaseStateChanged} NOTIFIED.
 */
public final class Workload implements AutoCloseable {

    /** What the arrival clock did in one phase. */
    public record Arrivals(int fired, double rate, double seconds, double maxLagMillis) {
    }

    private final AgencyClient api;
    private final EventWatcher watcher;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-retries");
        t.setDaemon(true);
        return t;
    });
    private final List<CaseRun> runs = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong consentDecisions = new AtomicLong();
    private final AtomicLong consentFailures = new AtomicLong();
    private final Duration patience;

    public Workload(AgencyClient api) {
        this(api, Duration.ZERO);
    }

    /**
     * A workload that keeps trying a request the stack could not answer (no connection, 5xx) for up
     * to {@code patience} after its first attempt, as an agency's client would while a process of the
     * stack restarts; {@link Duration#ZERO} gives up after the benchmark's few quick retries.
     */
    public Workload(AgencyClient api, Duration patience) {
        this.api = api;
        this.patience = patience;
        this.watcher = new EventWatcher(api.target().kafkaBootstrap(), this::giveConsent);
    }

    public void start() throws InterruptedException {
        watcher.start();
    }

    public EventWatcher events() {
        return watcher;
    }

    public List<CaseRun> runs(String phase) {
        synchronized (runs) {
            return runs.stream().filter(r -> r.phase.equals(phase)).toList();
        }
    }

    public long consentFailures() {
        return consentFailures.get();
    }

    /**
     * Opens one case per detainee at {@code rate} cases per second, on a fixed schedule, and returns
     * when the last one has been sent (not answered).
     */
    public Arrivals arrive(String phase, double rate, List<UUID> detainees) {
        URI cases = api.target().gateway().resolve("/api/removal-cases");
        long period = Math.round(1e9 / rate);
        long t0 = System.nanoTime() + 1_000_000;
        double maxLag = 0;
        for (int i = 0; i < detainees.size(); i++) {
            long due = t0 + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLag = Math.max(maxLag, (System.nanoTime() - due) / 1e6);
            CaseRun run = new CaseRun(detainees.get(i), phase);
            runs.add(run);
            watcher.track(run);
            open(run, cases, 1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Arrivals(detainees.size(), rate, seconds, maxLag);
    }

    private void open(CaseRun run, URI cases, int attempt) {
        if (attempt == 1) {
            run.sentAt = Instant.now();
        }
        api.sendAsync(AgencyClient.CASES, "POST", cases, Map.of("detaineeId", run.detaineeId.toString(),
                "destinationCountry", "IRN")).whenComplete((response, error) -> {
            if ((error != null || response.status() >= 500) && patient(run.sentAt)) {
                // the gateway or the workflow is down for the moment: try again, as an agency would
                retries.schedule(() -> open(run, cases, attempt + 1), 2, TimeUnit.SECONDS);
                return;
            }
            if (error != null) {
                run.error = error.toString();
                return;
            }
            if (response.status() == 409 && attempt > 1 && !patience.isZero()) {
                // an earlier attempt opened the case although its answer was lost: the person has an open
                // case (S7); its id comes with its CaseStateChanged events
                run.answeredAt = Instant.now();
                run.status = 201;
                return;
            }
            if (response.status() == 429 && attempt < 20) {
                // the gateway refused it before any service saw it; the case's clock keeps running
                run.throttled++;
                retries.schedule(() -> open(run, cases, attempt + 1), 1, TimeUnit.SECONDS);
                return;
            }
            run.answeredAt = Instant.now();
            if (response.status() == 201 && response.json() != null) {
                run.caseId = UUID.fromString(response.json().path("caseId").asText());
            } else {
                run.error = response.status() + " " + response.body();
            }
            run.status = response.status();
        });
    }

    /** The officer: consent given in the person's language, with the hash of the signed form. */
    private void giveConsent(CaseRun run, ConsentRequested requested) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", "GIVEN");
        decision.put("officer", "bench-officer");
        decision.put("language", requested.preferredLanguage());
        decision.put("evidenceSha256", sha256("signed consent form " + requested.consentId()));
        decide(run, api.target().gateway().resolve("/api/consents/" + requested.consentId() + "/decision"), decision, 1,
                Instant.now());
    }

    private void decide(CaseRun run, URI uri, Map<String, Object> decision, int attempt, Instant first) {
        api.sendAsync(AgencyClient.CONSENT, "POST", uri, decision).whenComplete((response, error) -> {
            int status = error != null ? -1 : response.status();
            boolean again = status == -1 || status == 429 || status == 502 || status == 503 || status == 504;
            if ((again && attempt < 10) || ((again || status >= 500) && patient(first))) {
                retries.schedule(() -> decide(run, uri, decision, attempt + 1, first),
                        Math.min(200L * attempt, 3000L), TimeUnit.MILLISECONDS);
                return;
            }
            run.consentStatus = status;
            if (status == 200 || status == 409) {
                consentDecisions.incrementAndGet();
            } else {
                consentFailures.incrementAndGet();
                run.error = "consent decision answered " + status + (response == null ? " " + error : " " + response.body());
            }
        });
    }

    private boolean patient(Instant first) {
        return !patience.isZero() && first != null && Instant.now().isBefore(first.plus(patience));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        watcher.close();
        retries.shutdownNow();
    }
}
