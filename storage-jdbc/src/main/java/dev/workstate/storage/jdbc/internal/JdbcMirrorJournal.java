package dev.workstate.storage.jdbc.internal;

import dev.workstate.internal.MutationCodec;
import dev.workstate.port.MirrorJournalPort;
import dev.workstate.port.Mutation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.exceptions.PersistenceException;

/**
 * The mirror journal of a JDBC store whose dialect keeps it in the database (PostgreSQL, when it is a lower layer;
 * SQLite keeps it in files, {@link FileMirrorJournal}): table {@code mirror_journal}, one row per mirrored
 * transaction, its mutations in {@link MutationCodec#encodeAll} JSON, appended as one auto-committed insert.
 *
 * <p>Thread-safe (stateless apart from the shared {@link Db} and {@link DirectWrites}).
 */
public final class JdbcMirrorJournal implements MirrorJournalPort {
    private final Db db;
    private final DirectWrites writes;

    public JdbcMirrorJournal(Db db, DirectWrites writes) {
        this.db = db;
        this.writes = writes;
    }

    @Override
    public void append(List<Mutation> mutations) {
        // encoded before the transaction starts: SQLite's write lock is not held while JSON is written
        String payload = MutationCodec.encodeAll(mutations);
        if (db.inTransaction()) {
            db.writeDirect(c -> {
                writes.appendJournal(c, payload);
                return null;
            });
            return;
        }
        // one auto-committed statement: no BEGIN and COMMIT round of its own (SQLite makes the insert its own
        // transaction and waits for the write lock through the busy timeout like any writer)
        db.autoCommitted(c -> {
            writes.appendJournal(c, payload);
            return null;
        });
    }

    @Override
    public List<JournalEntry> pending(int limit) {
        List<String[]> rows = db.readJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, payload FROM mirror_journal ORDER BY seq LIMIT ?")) {
                ps.setInt(1, limit);
                List<String[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {Long.toString(rs.getLong(1)), rs.getString(2)});
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new PersistenceException("reading the mirror journal failed", e);
            }
        });
        List<JournalEntry> out = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            out.add(new JournalEntry(Long.parseLong(r[0]), MutationCodec.decodeAll(r[1])));
        }
        return out;
    }

    @Override
    public void removeThrough(long seq) {
        db.writeDirect(c -> {
            writes.removeJournalThrough(c, seq);
            return null;
        });
    }

    @Override
    public long size() {
        return db.readJdbc(c -> DirectReads.count(c, "SELECT COUNT(*) FROM mirror_journal"));
    }
}
