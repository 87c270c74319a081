package org.returnflow.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.returnflow.platform.PlatformTestApplication;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hash-chained audit trail on real PostgreSQL: concurrent writers append one line, an entry
 * recorded early in a long transaction holds nobody back, a row changed by SQL behind the trigger's
 * back is named by {@code GET /api/audit/verify}, and TRUNCATE, UPDATE and DELETE are refused. The
 * platform's test application stands in for the detention service (the audience of its tokens).
 */
@RealInfrastructure
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"returnflow.messaging.consumes=", "returnflow.security.audience=detention-service"})
class AuditChainIT {

    private static final Logger log = LoggerFactory.getLogger(AuditChainIT.class);

    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    @Test
    void concurrentWritersAppendOneUnbrokenLine() throws Exception {
        long before = count();
        int writers = 4;
        int transactions = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int t = 0; t < transactions; t++) {
                    UUID subject = UUID.randomUUID();
                    tx.executeWithoutResult(s -> {
                        audit.recordSystem("writer-" + writer, "TESTED", "Thing", subject, "first of two");
                        jdbc.queryForObject("select count(*) from audit_entry where subject_id = ?", Long.class,
                                subject.toString()); // unrelated work between the two
                        audit.recordSystem("writer-" + writer, "TESTED", "Thing", subject, "second of two");
                    });
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        AuditChain.Verification verification = audit.verify();
        assertThat(verification.ok()).as(verification.toString()).isTrue();
        assertThat(verification.verified()).isEqualTo(before + writers * transactions * 2);
        // each transaction's two entries are neighbours in the chain: appended together at its commit
        assertThat(jdbc.queryForObject("select count(*) from audit_entry a join audit_entry b on b.prev_hash = a.hash "
                + "where a.detail = 'first of two' and b.detail = 'second of two' and a.subject_id = b.subject_id",
                Long.class)).isEqualTo((long) writers * transactions);
        Timer wait = Metrics.globalRegistry.find("returnflow.audit.append").timer();
        Timer held = Metrics.globalRegistry.find("returnflow.audit.chain.lock.held").timer();
        if (wait != null && held != null) { // measured, reported, never asserted (time varies with the machine)
            log.info("Audit chain over {} appends by {} writers: insert (waiting for the head included) mean {} ms, "
                            + "max {} ms; head held after the insert until commit mean {} ms, "
                            + "max {} ms", held.count(), writers, wait.mean(TimeUnit.MILLISECONDS),
                    wait.max(TimeUnit.MILLISECONDS), held.mean(TimeUnit.MILLISECONDS), held.max(TimeUnit.MILLISECONDS));
        }
    }

    /**
     * A transaction that records an entry and then goes on working does not hold the chain: another
     * writer appends and commits meanwhile, and the first entry joins the chain only at its own commit.
     */
    @Test
    void anEntryRecordedEarlyInALongTransactionHoldsNobodyBack() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> longOne = pool.submit(() -> tx.executeWithoutResult(s -> {
            audit.recordSystem("slow-writer", "TESTED", "Thing", "early", null);
            recorded.countDown();
            try {
                // still inside the transaction; would never end if the other writer waited for this one
                assertThat(otherCommitted.await(60, TimeUnit.SECONDS)).as("the other writer committed meanwhile").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(recorded.await(60, TimeUnit.SECONDS)).isTrue();
        tx.executeWithoutResult(s -> audit.recordSystem("quick-writer", "TESTED", "Thing", "late", null));
        otherCommitted.countDown();
        longOne.get(2, TimeUnit.MINUTES);
        pool.shutdown();

        long quick = jdbc.queryForObject("select id from audit_entry where subject_id = 'late'", Long.class);
        long slow = jdbc.queryForObject("select id from audit_entry where subject_id = 'early'", Long.class);
        assertThat(slow).as("the long transaction's entry was chained at its commit, after the quick one").isGreaterThan(quick);
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void verifyNamesExactlyTheRowChangedBehindTheTriggersBack() {
        UUID subject = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tx.executeWithoutResult(s -> audit.recordSystem("system", "TESTED", "Thing", subject, "entry " + n));
        }
        JsonNode intact = verify(TestClient.AUDIT_VERIFIER).getBody();
        assertThat(intact.get("ok").asBoolean()).isTrue();
        assertThat(intact.get("verified").asLong()).isEqualTo(count());
        assertThat(intact.has("firstBrokenEntry")).isFalse();

        Map<String, Object> victim = jdbc.queryForMap("select id, hash, detail from audit_entry where subject_id = ? "
                + "and detail = 'entry 2'", subject.toString());
        long id = ((Number) victim.get("id")).longValue();
        long before = jdbc.queryForObject("select count(*) from audit_entry where id < ?", Long.class, id);
        tamper("update audit_entry set detail = 'entry 2, nothing to see' where id = " + id);
        try {
            JsonNode broken = verify(TestClient.AUDIT_VERIFIER).getBody();

            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.get("verified").asLong()).isEqualTo(before);
            assertThat(broken.at("/firstBrokenEntry/id").asLong()).isEqualTo(id);
            assertThat(broken.at("/firstBrokenEntry/at").asText()).isNotBlank();
            assertThat(broken.at("/firstBrokenEntry/actualHash").asText()).isEqualTo(victim.get("hash").toString().trim());
            assertThat(broken.at("/firstBrokenEntry/expectedHash").asText()).hasSize(64)
                    .isNotEqualTo(victim.get("hash").toString().trim());
        } finally {
            tamper("update audit_entry set detail = 'entry 2' where id = " + id);
        }
        assertThat(verify(TestClient.AUDIT_VERIFIER).getBody().get("ok").asBoolean()).isTrue();

        long last = jdbc.queryForObject("select max(id) from audit_entry", Long.class);
        tamper("create table audit_entry_removed as select * from audit_entry where id = " + last
                + "; delete from audit_entry where id = " + last);
        try {
            JsonNode truncated = verify(TestClient.AUDIT_VERIFIER).getBody();
            assertThat(truncated.get("ok").asBoolean()).as("the head remembers the last entry").isFalse();
            assertThat(truncated.at("/firstBrokenEntry/id").asLong()).isEqualTo(last);
        } finally {
            tamper("insert into audit_entry select * from audit_entry_removed; drop table audit_entry_removed");
        }
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void truncateUpdateAndDeleteAreRefused() {
        tx.executeWithoutResult(s -> audit.recordSystem("system", "TESTED", "Thing", "kept", null));

        assertThatThrownBy(() -> jdbc.execute("truncate audit_entry"))
                .hasMessageContaining("audit_entry is append-only: TRUNCATE refused");
        assertThatThrownBy(() -> jdbc.update("update audit_entry set detail = 'x' where subject_id = 'kept'"))
                .hasMessageContaining("audit_entry is append-only: UPDATE refused");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry where subject_id = 'kept'"))
                .hasMessageContaining("audit_entry is append-only: DELETE refused");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where subject_id = 'kept'", Long.class)).isOne();
    }

    @Test
    void verifyNeedsTheAuditVerifyScope() {
        assertThat(verify(TestClient.DETENTION_AGENCY).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity(AuditLog.VERIFY_PATH, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /**
     * Rows written before the chain existed are chained by the migration in SQL, and the Java side
     * agrees with it, characters outside the Basic Multilingual Plane included; new rows then follow.
     */
    @Test
    void rowsWrittenBeforeTheChainAreChainedByTheMigrationAndVerify() {
        DriverManagerDataSource legacy = new DriverManagerDataSource(Infrastructure.get().freshDatabase("legacy_audit"),
                Infrastructure.get().postgres().username(), Infrastructure.get().postgres().password());
        Flyway platform = Flyway.configure().dataSource(legacy).locations("classpath:db/platform")
                .table("platform_schema_history").target("2").load();
        platform.migrate();
        JdbcTemplate old = new JdbcTemplate(legacy);
        old.update("insert into audit_entry (principal, action, subject_type, subject_id, purpose, detail) values "
                + "('detention-agency', 'REGISTERED', 'Detainee', 'a', null, 'caseNumber=RF-1 facility=LA-JENA'), "
                + "('partner-monitor', 'PARTNER_READ', 'Detainee', 'a', 'return-monitoring', null), "
                + "('consent-officers', 'CONSENT_GIVEN', 'ConsentRequest', 'b', null, 'Ünïcödé 🛫 | 3:x | -')");

        Flyway.configure().dataSource(legacy).locations("classpath:db/platform").table("platform_schema_history")
                .load().migrate();
        AuditLog chained = new AuditLog(old);
        assertThat(chained.verify()).extracting(AuditChain.Verification::ok, AuditChain.Verification::verified)
                .containsExactly(true, 3L);

        chained.recordSystem("system", "TESTED", "Thing", "c", "after the migration 🛬");
        assertThat(chained.verify()).extracting(AuditChain.Verification::ok, AuditChain.Verification::verified)
                .containsExactly(true, 4L);
    }

    private ResponseEntity<JsonNode> verify(TestClient client) {
        return http.exchange(AuditLog.VERIFY_PATH, HttpMethod.GET, new HttpEntity<>(client.headers()), JsonNode.class);
    }

    /**
     * As the table's owner, with the append-only trigger switched off for one statement (and the
     * chaining one, so that a removed row can be put back exactly as it was).
     */
    private void tamper(String sql) {
        tx.executeWithoutResult(s -> {
            jdbc.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
            jdbc.execute("alter table audit_entry disable trigger audit_entry_chained");
            jdbc.execute(sql);
            jdbc.execute("alter table audit_entry enable trigger audit_entry_chained");
            jdbc.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
        });
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from audit_entry", Long.class);
    }

}
