package org.returnflow.workflow.domain.remedy;

import org.returnflow.workflow.domain.HistoryEntry;
import org.returnflow.workflow.process.RemedyJournal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * A remedy's history (append-only, the database refuses UPDATE and DELETE) and its status. Only the
 * database: the engine's listeners write through it while the engine is being built.
 */
@Component
public class RemedyHistory implements RemedyJournal {

    private final JdbcTemplate jdbc;

    public RemedyHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String remedyId, String actor, String kind, String detail) {
        jdbc.update("insert into remedy_history (remedy_id, actor, kind, detail) values (?, ?, ?, ?)",
                UUID.fromString(remedyId), actor == null ? "system" : actor, kind,
                HistoryEntry.fitted(detail));
    }

    @Override
    public void returned(String remedyId, String actor) {
        int changed = jdbc.update("update remedy_order set status = 'RETURNED', returned_at = now() "
                + "where id = ? and status = 'OPEN'", UUID.fromString(remedyId));
        if (changed == 1) {
            record(remedyId, actor, "RETURNED", "the person is back; status reports to counsel stop");
        }
    }

    public List<HistoryEntry> of(UUID remedyId) {
        return jdbc.query("select at, actor, kind, detail from remedy_history where remedy_id = ? order by id",
                (rs, n) -> new HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4)), remedyId);
    }
}
