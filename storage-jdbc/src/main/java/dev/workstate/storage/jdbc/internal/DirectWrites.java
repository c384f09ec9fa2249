package dev.workstate.storage.jdbc.internal;

import dev.workstate.model.AuditEvent;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.storage.jdbc.Dialect.Failure;
import dev.workstate.storage.jdbc.internal.Rows.AuditRow;
import dev.workstate.storage.jdbc.internal.Rows.WorkItemRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Set;
import org.apache.ibatis.exceptions.PersistenceException;

/**
 * The writes of a create, a content update, their audit events and the mirror journal in plain JDBC, on every database: on statements
 * kept prepared per connection ({@link KeptStatements}) where the dialect keeps them (SQLite: the whole SQLite half
 * of a mirrored write), else prepared per call (PostgreSQL: pgjdbc caches the server-side statement). Every other
 * mutation goes through {@link MutationApplier}'s mappers in the same transaction; failures and updates that change no
 * row are reported by the shared {@link WriteOutcomes}.
 *
 * <p>Thread-safe (stateless apart from the shared {@link Db} and {@link KeptStatements}). Failures are rethrown as
 * MyBatis {@link PersistenceException}s around the {@link SQLException}, so {@link Db} classifies them like mapper
 * failures.
 */
public final class DirectWrites {
    /**
     * The columns a create and a content update both write, in binding order ({@link #bindContent}); the claim
     * columns are the create's alone (an update leaves a lease as it is).
     */
    private static final String[] CONTENT = {"version", "item_type", "title", "description", "status", "parent_id",
        "path", "depth", "branch_name", "commit_hash", "pr_number", "metadata", "metadata_text", "deleted_at",
        "archived_at", "created_at", "updated_at", "created_by", "updated_by"};
    /** Where an item sits: parent, path and depth, which an update in place leaves alone. */
    private static final Set<String> PLACE = Set.of("parent_id", "path", "depth");
    /** {@link #CONTENT} without {@link #PLACE}, in binding order. */
    private static final String[] CONTENT_IN_PLACE = Arrays.stream(CONTENT)
            .filter(column -> !PLACE.contains(column)).toArray(String[]::new);
    /** Creates a work item. */
    static final String INSERT_WORK_ITEM = "INSERT INTO work_items (" + String.join(", ", CONTENT)
            + ", id, claimed_by, claim_expires_at) VALUES (" + "?, ".repeat(CONTENT.length + 2) + "?)";
    /**
     * The atomic compare-and-set of a content update: version and, when given, the path as read (a guard PostgreSQL
     * re-checks on the newest row version when a concurrent move held the row, which a re-read of the parent in a
     * later statement could only approximate). Claim columns are left alone (a lease is not a content change). A
     * parent that does not exist makes it change no row instead of failing the foreign key, so no savepoint is needed
     * to keep an enclosing PostgreSQL transaction usable (the caller tells the cases apart by re-reading).
     */
    static final String UPDATE_WORK_ITEM = "UPDATE work_items SET " + String.join(" = ?, ", CONTENT) + " = ?"
            + " WHERE id = ? AND version = ? AND (? IS NULL OR path = ?)"
            + " AND (? IS NULL OR EXISTS (SELECT 1 FROM work_items p WHERE p.id = ?))";
    /**
     * The update of an item that stays where it was read ({@link #inPlace}): the same compare-and-set with the path
     * guard required, not assigning parent, path and depth. A record at the same path has the same parent and depth
     * (the path is the chain of ancestor ids), so the outcome is the same; SQLite rewrites an index entry of every
     * assigned indexed column, equal or not, so leaving them out spares the path index and (through the parent key)
     * the id index a page write each per update ({@code SqliteUpdateInPlaceTest}).
     */
    static final String UPDATE_WORK_ITEM_IN_PLACE = "UPDATE work_items SET " + String.join(" = ?, ", CONTENT_IN_PLACE)
            + " = ? WHERE id = ? AND version = ? AND path = ?";
    private static final String AUDIT_COLUMNS = "INSERT INTO audit_events (id, entity_type, entity_id, operation,"
            + " actor, event_at, before_json, after_json) ";
    /**
     * Appends one audit event; an id already present inserts nothing ({@code ON CONFLICT DO NOTHING} reports it as a
     * count instead of an error, so no savepoint is needed around it on PostgreSQL).
     */
    static final String INSERT_AUDIT = AUDIT_COLUMNS + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    /**
     * {@link #UPDATE_WORK_ITEM} and the audit event of the update in one statement
     * ({@link dev.workstate.storage.jdbc.Dialect#writesTwoTablesInOneStatement()}): the event is inserted once per
     * changed row, so an update that changes nothing inserts nothing. No {@code ON CONFLICT}: an event id already
     * present fails the whole statement, so the update is not applied without its event.
     */
    static final String UPDATE_WORK_ITEM_WITH_AUDIT = withAudit(UPDATE_WORK_ITEM);
    /** {@link #UPDATE_WORK_ITEM_WITH_AUDIT} of an update in place. */
    static final String UPDATE_WORK_ITEM_IN_PLACE_WITH_AUDIT = withAudit(UPDATE_WORK_ITEM_IN_PLACE);

    /** Appends one mirror journal entry ({@link JdbcMirrorJournal}). */
    static final String APPEND_JOURNAL = "INSERT INTO mirror_journal (payload) VALUES (?)";
    /** Removes the mirror journal entries a fold applied. */
    static final String REMOVE_JOURNAL_THROUGH = "DELETE FROM mirror_journal WHERE seq <= ?";

    private final Db db;
    private final KeptStatements kept;

    /** {@code update} and the audit event of each row it changed, as one statement. */
    private static String withAudit(String update) {
        return "WITH changed AS (" + update + " RETURNING id) " + AUDIT_COLUMNS
                + "SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM changed";
    }

    /** With {@code kept} null every statement is prepared per call (dialects that do not keep statements). */
    public DirectWrites(Db db, KeptStatements kept) {
        this.db = db;
        this.kept = kept;
    }

    /** Whether {@link #apply} handles {@code m}. */
    public static boolean handles(Mutation m) {
        return m instanceof Mutation.UpdateWorkItem || m instanceof Mutation.AppendAudit
                || m instanceof Mutation.InsertWorkItem;
    }

    /** Applies a mutation {@link #handles} accepts on {@code c}, the connection of the current transaction. */
    public boolean apply(Connection c, Mutation m) {
        if (m instanceof Mutation.UpdateWorkItem x) {
            updateWorkItem(c, x);
        } else if (m instanceof Mutation.AppendAudit x) {
            appendAudit(c, x.event());
        } else if (m instanceof Mutation.InsertWorkItem x) {
            insertWorkItem(c, x.item());
        } else {
            throw new IllegalArgumentException("not a direct write: " + m.getClass().getSimpleName());
        }
        return true;
    }

    /** Appends a mirror journal entry on {@code c}, the connection of the current transaction. */
    void appendJournal(Connection c, String payload) {
        run(c, APPEND_JOURNAL, ps -> ps.setString(1, payload));
    }

    /** Removes the mirror journal entries up to and including {@code seq} on {@code c}. */
    void removeJournalThrough(Connection c, long seq) {
        run(c, REMOVE_JOURNAL_THROUGH, ps -> ps.setLong(1, seq));
    }

    private void updateWorkItem(Connection c, Mutation.UpdateWorkItem u) {
        WorkItemRow r = WorkItemRow.of(u.item());
        boolean inPlace = inPlace(u);
        int n;
        try {
            n = run(c, inPlace ? UPDATE_WORK_ITEM_IN_PLACE : UPDATE_WORK_ITEM, ps -> bindUpdate(ps, r, u, inPlace));
        } catch (RuntimeException e) {
            throw WriteOutcomes.updateFailed(db, e, u.item());
        }
        if (n == 0) {
            throw changedNothing(c, u);
        }
    }

    /**
     * Applies a versioned update and its audit event as one statement ({@link #UPDATE_WORK_ITEM_WITH_AUDIT}) on
     * {@code c}, an auto-commit connection: both or neither.
     */
    public void updateWorkItemWithAudit(Connection c, Mutation.UpdateWorkItem u, Mutation.AppendAudit audit) {
        WorkItemRow r = WorkItemRow.of(u.item());
        AuditRow a = AuditRow.of(audit.event());
        boolean inPlace = inPlace(u);
        int n;
        try {
            n = run(c, inPlace ? UPDATE_WORK_ITEM_IN_PLACE_WITH_AUDIT : UPDATE_WORK_ITEM_WITH_AUDIT,
                    ps -> bindAudit(ps, bindUpdate(ps, r, u, inPlace), a));
        } catch (RuntimeException e) {
            if (db.classify(e) == Failure.UNIQUE_VIOLATION) {
                // the only unique key the statement can hit besides the unchanged item id
                throw WriteOutcomes.auditDuplicate(audit.event());
            }
            throw WriteOutcomes.updateFailed(db, e, u.item());
        }
        if (n == 0) {
            throw changedNothing(c, u);
        }
    }

    /** Why an update changed no row, from the item (and, if needed, its parent) as they are now. */
    private static RuntimeException changedNothing(Connection c, Mutation.UpdateWorkItem u) {
        return WriteOutcomes.updateChangedNothing(DirectReads.workItem(c, u.item().id().toString()), u,
                parent -> DirectReads.workItem(c, parent) != null);
    }

    private void appendAudit(Connection c, AuditEvent e) {
        AuditRow r = AuditRow.of(e);
        int n;
        try {
            n = run(c, INSERT_AUDIT, ps -> bindAudit(ps, 1, r));
        } catch (RuntimeException ex) {
            n = WriteOutcomes.auditInsertFailed(db, ex);
        }
        if (n == 0) {
            throw WriteOutcomes.auditDuplicate(e);
        }
    }

    private void insertWorkItem(Connection c, WorkItem item) {
        if (item.parentId() != null) {
            try {
                db.dialect().lockHierarchy(c, false);
            } catch (SQLException e) {
                throw db.translate(e);
            }
        }
        WorkItemRow r = WorkItemRow.of(item);
        try {
            // under a savepoint where a failed statement aborts the transaction (PostgreSQL): a replay that meets an
            // id already there reads on in the same transaction
            db.guarded(() -> run(c, INSERT_WORK_ITEM, ps -> {
                int i = bindContent(ps, r, true);
                ps.setString(i, r.id);
                ps.setString(i + 1, r.claimedBy);
                setLong(ps, i + 2, r.claimExpiresAt);
            }));
        } catch (RuntimeException e) {
            throw WriteOutcomes.insertFailed(db, e, item);
        }
    }

    /** Whether {@code u} keeps the item where it was read: guarded by a path equal to the item's new path. */
    static boolean inPlace(Mutation.UpdateWorkItem u) {
        return u.expectedPath() != null && u.expectedPath().equals(u.item().path());
    }

    /**
     * Binds the parameters of {@link #UPDATE_WORK_ITEM}, or of {@link #UPDATE_WORK_ITEM_IN_PLACE} when {@code inPlace},
     * from 1 on; the index of the next parameter.
     */
    private static int bindUpdate(PreparedStatement ps, WorkItemRow r, Mutation.UpdateWorkItem u, boolean inPlace)
            throws SQLException {
        int i = bindContent(ps, r, !inPlace);
        ps.setString(i, r.id);
        ps.setLong(i + 1, u.expectedVersion());
        if (inPlace) {
            ps.setString(i + 2, u.expectedPath());
            return i + 3;
        }
        setString(ps, i + 2, u.expectedPath());
        setString(ps, i + 3, u.expectedPath());
        setString(ps, i + 4, r.parentId);
        setString(ps, i + 5, r.parentId);
        return i + 6;
    }

    /** Binds an audit event's eight values from parameter {@code from} on. */
    private static void bindAudit(PreparedStatement ps, int from, AuditRow r) throws SQLException {
        ps.setString(from, r.id);
        ps.setString(from + 1, r.entityType);
        ps.setString(from + 2, r.entityId);
        ps.setString(from + 3, r.operation);
        ps.setString(from + 4, r.actor);
        setLong(ps, from + 5, r.eventAt);
        ps.setString(from + 6, r.beforeJson);
        ps.setString(from + 7, r.afterJson);
    }

    /**
     * Binds {@link #CONTENT}, or with {@code withPlace} false {@link #CONTENT_IN_PLACE}, from parameter 1 on; the index
     * of the next parameter.
     */
    private static int bindContent(PreparedStatement ps, WorkItemRow r, boolean withPlace) throws SQLException {
        ps.setLong(1, r.version);
        ps.setString(2, r.itemType);
        ps.setString(3, r.title);
        ps.setString(4, r.description);
        ps.setString(5, r.status);
        int i = 6;
        if (withPlace) {
            ps.setString(6, r.parentId);
            ps.setString(7, r.path);
            setInt(ps, 8, r.depth);
            i = 9;
        }
        ps.setString(i, r.branchName);
        ps.setString(i + 1, r.commitHash);
        setInt(ps, i + 2, r.prNumber);
        ps.setString(i + 3, r.metadata);
        ps.setString(i + 4, r.metadataText);
        setLong(ps, i + 5, r.deletedAt);
        setLong(ps, i + 6, r.archivedAt);
        setLong(ps, i + 7, r.createdAt);
        setLong(ps, i + 8, r.updatedAt);
        ps.setString(i + 9, r.createdBy);
        ps.setString(i + 10, r.updatedBy);
        return i + 11;
    }

    /**
     * Binds the parameters of {@code sql} and runs it; the number of rows it changed. The statement is the kept one
     * where the dialect keeps statements, else prepared for this call (pgjdbc keeps the server-side prepared statement
     * in its own per-connection cache, so preparing again costs no round trip).
     */
    private int run(Connection c, String sql, Binder binder) {
        try {
            if (kept == null) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    binder.bind(ps);
                    return ps.executeUpdate();
                }
            }
            PreparedStatement ps = kept.get(c, sql);
            try {
                binder.bind(ps);
                return ps.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                kept.discard(c, sql);
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException("writing failed", e);
        }
    }

    /** Sets the parameters of one statement. */
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setString(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }
}
