package org.returnflow.workflow.domain;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The fear-claim windows of the cases (issue 18, item 3), in the workflow's own tables: what the DMN
 * said about the window of the case's destination ({@code case_requirement}), and each window opened,
 * one per case and destination ({@code case_fear_window}). The process decides from these rows alone:
 * no process variable opens, shortens or closes a window.
 */
@Repository
public class FearClaimWindows {

    /** What the DMN destination-requirements said: its window length (null: the default) and assurance, if any. */
    public record Terms(Integer dmnHours, String assuranceReference) {
    }

    /**
     * A window opened for a destination.
     *
     * @param hours         the length in force, floored (never below 72 h)
     * @param localOverride the ISO-8601 duration of the local profile's override, or null
     */
    public record Window(UUID caseId, String destinationCountry, int hours, Integer dmnHours, String assuranceReference,
                         String localOverride, Instant openedAt, Instant endsAt, Instant closedAt) {

        public boolean closed() {
            return closedAt != null;
        }
    }

    private final JdbcTemplate jdbc;

    public FearClaimWindows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the DMN's window terms beside the case's other requirements (recorded just before). */
    public void terms(UUID caseId, Terms terms) {
        jdbc.update("update case_requirement set fear_claim_window_hours = ?, assurance_reference = ? where case_id = ?",
                terms.dmnHours(), terms.assuranceReference(), caseId);
    }

    public Terms terms(UUID caseId) {
        return jdbc.query("select fear_claim_window_hours, assurance_reference from case_requirement where case_id = ?",
                        (rs, n) -> new Terms((Integer) rs.getObject(1), rs.getString(2)), caseId)
                .stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Case " + caseId + " has no destination requirements yet"));
    }

    /** The window of the case for this destination, open or closed. */
    public Optional<Window> of(UUID caseId, String destinationCountry) {
        return jdbc.query("select case_id, destination_country, window_hours, dmn_hours, assurance_reference, local_override, "
                        + "opened_at, ends_at, closed_at from case_fear_window where case_id = ? and destination_country = ?",
                (rs, n) -> new Window(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), (Integer) rs.getObject(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()),
                caseId, destinationCountry).stream().findFirst();
    }

    /** Opens the window; returns false, changing nothing, when the case has one for this destination already. */
    public boolean open(Window window) {
        return jdbc.update("insert into case_fear_window (case_id, destination_country, window_hours, dmn_hours, "
                        + "assurance_reference, local_override, opened_at, ends_at) values (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (case_id, destination_country) do nothing",
                window.caseId(), window.destinationCountry(), window.hours(), window.dmnHours(), window.assuranceReference(),
                window.localOverride(), Timestamp.from(window.openedAt()), Timestamp.from(window.endsAt())) > 0;
    }

    /**
     * When the person was first told the destination: the delivery of their first {@code DESTINATION_NOTICE}
     * (the workflow's record of the SendNotification it asked for), if it was delivered.
     */
    public Optional<Instant> personToldAt(UUID caseId) {
        Timestamp told = jdbc.queryForObject("select min(delivered_at) from case_request where case_id = ? "
                + "and command = 'SendNotification' and scope = 'DETAINEE' and detail = 'DESTINATION_NOTICE'",
                Timestamp.class, caseId);
        return Optional.ofNullable(told).map(Timestamp::toInstant);
    }

    /** Moves the end of an open window later, never earlier; returns whether it moved. */
    public boolean extend(UUID caseId, String destinationCountry, Instant endsAt) {
        return jdbc.update("update case_fear_window set ends_at = ? where case_id = ? and destination_country = ? "
                        + "and closed_at is null and ends_at < ?",
                Timestamp.from(endsAt), caseId, destinationCountry, Timestamp.from(endsAt)) > 0;
    }

    /** Closes the window once it has ended; returns false when it was closed already. */
    public boolean close(UUID caseId, String destinationCountry, Instant closedAt) {
        return jdbc.update("update case_fear_window set closed_at = ? where case_id = ? and destination_country = ? "
                        + "and closed_at is null and ends_at <= ?",
                Timestamp.from(closedAt), caseId, destinationCountry, Timestamp.from(closedAt)) > 0;
    }
}
