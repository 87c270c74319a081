package org.returnflow.detention.domain;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A repeatable Flyway migration, in Java because the keys are computed in Java: it writes every
 * person's phonetic name keys ({@link NameKey}). Its checksum is {@link NameKey#VERSION}, so
 * Flyway runs it once after {@code V3} fills in the rows registered before search existed, and
 * again at the next start whenever the rules change, before the service serves anything. Spring
 * Boot hands every {@link JavaMigration} bean to Flyway.
 */
@Component
public class NameKeyBackfill implements JavaMigration {

    private static final int BATCH = 500;

    @Override
    public MigrationVersion getVersion() {
        return null;
    }

    @Override
    public String getDescription() {
        return "detainee name keys";
    }

    @Override
    public Integer getChecksum() {
        return NameKey.VERSION;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        backfill(context.getConnection());
    }

    /** Computes the keys of every row again, in batches; returns how many people it keyed. */
    public static int backfill(Connection connection) throws SQLException {
        record Person(UUID id, String givenName, String familyName) {
        }
        List<Person> people = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, given_name, family_name from detainee order by id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                people.add(new Person(rows.getObject("id", UUID.class), rows.getString("given_name"),
                        rows.getString("family_name")));
            }
        }
        try (PreparedStatement key = connection.prepareStatement("update detainee set name_key = ? where id = ?");
             PreparedStatement forget = connection.prepareStatement("delete from detainee_name_key where detainee_id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "insert into detainee_name_key (detainee_id, name_key) values (?, ?)")) {
            int pending = 0;
            for (Person person : people) {
                key.setString(1, NameKey.person(person.givenName(), person.familyName()));
                key.setObject(2, person.id());
                key.addBatch();
                forget.setObject(1, person.id());
                forget.addBatch();
                for (String searchKey : NameKey.searchKeys(person.givenName(), person.familyName())) {
                    insert.setObject(1, person.id());
                    insert.setString(2, searchKey);
                    insert.addBatch();
                }
                if (++pending == BATCH) {
                    flush(key, forget, insert);
                    pending = 0;
                }
            }
            flush(key, forget, insert);
        }
        return people.size();
    }

    private static void flush(PreparedStatement key, PreparedStatement forget, PreparedStatement insert)
            throws SQLException {
        key.executeBatch();
        forget.executeBatch();
        insert.executeBatch();
    }
}
