package org.returnflow.platform.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The hash chain of the audit trail: every entry stores {@code hash = SHA-256(prev_hash | canonical
 * content)} and the {@code prev_hash} of the entry before it (64 zeros before the first), and
 * {@code audit_chain_head} holds the hash of the last one. Changing, deleting or inserting a row
 * anywhere breaks the chain from that row on, and {@link #verify()} names the first row that does
 * not fit.
 *
 * <p>What it proves and what it does not: someone who edits rows by SQL (with the append-only
 * trigger disabled, as the table's owner can) is found out, unless they also recompute every later
 * hash and the head. Keeping the head's hash somewhere else from time to time (the verify answer
 * carries it) turns that into a detectable change too.
 */
public final class AuditChain {

    /** The {@code prev_hash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;

    AuditChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored entry with its chain columns, as {@link #verify()} reads it. */
    record Link(long id, Instant at, String principal, String onBehalfOf, String action, String subjectType,
                String subjectId, String purpose, String detail, String prevHash, String hash) {
    }

    /**
     * The canonical text of an entry: its fields in a fixed order, each as {@code <length>:<value>}
     * ({@code -} for null), joined by {@code |}, so that no two different entries share one text.
     * The database's insert trigger (V5__audit_hash_chain.sql) writes the same form in SQL; this one
     * recomputes it independently.
     */
    static String canonical(long id, Instant at, String principal, String onBehalfOf, String action,
                            String subjectType, String subjectId, String purpose, String detail) {
        return String.join("|", value(Long.toString(id)), value(AT.format(at)), value(principal), value(onBehalfOf),
                value(action), value(subjectType), value(subjectId), value(purpose), value(detail));
    }

    /** {@code SHA-256(prevHash | canonical)} in lower-case hex. */
    static String hash(String prevHash, String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((prevHash + "|" + canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String v) {
        return v == null ? "-" : v.codePointCount(0, v.length()) + ":" + v;
    }

    /** What {@code GET /api/audit/verify} answers. */
    public record Verification(long verified, boolean ok, BrokenEntry firstBrokenEntry, String headHash) {
    }

    /**
     * The first entry that does not fit: its stored hash ({@code actualHash}) differs from the one its
     * content and its predecessor give ({@code expectedHash}), or its {@code prev_hash} does not name
     * its predecessor. When the rows end before the chain's head says, it is the head's entry, with
     * the head's hash expected and the last row's found.
     */
    public record BrokenEntry(long id, Instant at, String expectedHash, String actualHash) {
    }

    /**
     * Walks the whole chain, oldest first, in one consistent snapshot, and stops at the first entry
     * that does not fit.
     */
    public Verification verify() {
        TransactionTemplate snapshot = new TransactionTemplate(
                new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return snapshot.execute(status -> walk());
    }

    private Verification walk() {
        List<Head> heads = jdbc.query("select last_id, last_hash from audit_chain_head where id = 1",
                (rs, n) -> new Head((Long) rs.getObject("last_id"), rs.getString("last_hash")));
        Head head = heads.isEmpty() ? new Head(null, GENESIS) : heads.get(0);
        String previous = GENESIS;
        long previousId = 0;
        long verified = 0;
        List<Link> batch;
        do {
            batch = jdbc.query("select id, at, principal, on_behalf_of, action, subject_type, subject_id, purpose, "
                    + "detail, prev_hash, hash from audit_entry where id > ? order by id limit ?", AuditChain::link,
                    previousId, BATCH);
            for (Link link : batch) {
                String expected = hash(previous, canonical(link.id(), link.at(), link.principal(), link.onBehalfOf(),
                        link.action(), link.subjectType(), link.subjectId(), link.purpose(), link.detail()));
                if (!previous.equals(link.prevHash()) || !expected.equals(link.hash())) {
                    return new Verification(verified, false,
                            new BrokenEntry(link.id(), link.at(), expected, link.hash()), head.hash());
                }
                previous = link.hash();
                previousId = link.id();
                verified++;
            }
        } while (batch.size() == BATCH);
        if (!head.hash().equals(previous)) {
            return new Verification(verified, false, new BrokenEntry(head.lastId() == null ? previousId : head.lastId(),
                    null, head.hash(), previous), head.hash());
        }
        return new Verification(verified, true, null, head.hash());
    }

    private record Head(Long lastId, String hash) {
    }

    private static Link link(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("principal"),
                rs.getString("on_behalf_of"), rs.getString("action"), rs.getString("subject_type"),
                rs.getString("subject_id"), rs.getString("purpose"), rs.getString("detail"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
