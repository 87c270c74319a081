package org.returnflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.testkit.RealInfrastructure;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The workflow's audit trail is the platform's hash chain, in the workflow's own database and under
 * its JPA transactions: it verifies, names a row changed behind the trigger's back, and refuses
 * TRUNCATE.
 */
@RealInfrastructure
@ActiveProfiles("local")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkflowAuditIT {

    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    @Test
    void theChainVerifiesNamesTheRowChangedByHandAndRefusesTruncate() {
        UUID caseId = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            audit.recordSystem("workflow", "CASE_OPENED", "RemovalCase", caseId, "test");
            audit.recordSystem("workflow", "CASE_SUSPENDED", "RemovalCase", caseId, "test");
        });
        audit.recordSystem("workflow", "CASE_RESUMED", "RemovalCase", caseId, "outside a transaction");

        JsonNode intact = verify(TestClient.AUDIT_VERIFIER).getBody();
        assertThat(intact.get("ok").asBoolean()).isTrue();
        assertThat(intact.get("verified").asLong()).isGreaterThanOrEqualTo(3);

        long row = jdbc.queryForObject("select id from audit_entry where subject_id = ? and action = 'CASE_SUSPENDED'",
                Long.class, caseId.toString());
        tamper("update audit_entry set action = 'CASE_WITHDRAWN' where id = " + row);
        try {
            JsonNode broken = verify(TestClient.AUDIT_VERIFIER).getBody();
            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.at("/firstBrokenEntry/id").asLong()).isEqualTo(row);
        } finally {
            tamper("update audit_entry set action = 'CASE_SUSPENDED' where id = " + row);
        }
        assertThat(verify(TestClient.AUDIT_VERIFIER).getBody().get("ok").asBoolean()).isTrue();

        assertThatThrownBy(() -> jdbc.execute("truncate audit_entry"))
                .hasMessageContaining("append-only: TRUNCATE refused");
        assertThat(verify(TestClient.REMOVAL_OPERATIONS).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<JsonNode> verify(TestClient client) {
        return http.exchange(AuditLog.VERIFY_PATH, HttpMethod.GET, new HttpEntity<>(client.headers()), JsonNode.class);
    }

    private void tamper(String sql) {
        jdbc.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete; " + sql
                + "; alter table audit_entry enable trigger audit_entry_no_update_or_delete");
    }
}
