package dev.workstate.storage.jdbc.internal;

import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.StalePathException;
import dev.workstate.storage.jdbc.Dialect.Failure;
import dev.workstate.storage.jdbc.internal.Rows.WorkItemRow;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * How a work-item or audit write that failed or changed no row is reported to the domain: one set of rules for the
 * MyBatis path ({@link MutationApplier}) and the plain-JDBC path ({@link DirectWrites}), so both give the same
 * duplicate / not-found / version-conflict outcomes.
 *
 * <p>Stateless; thread-safe.
 */
final class WriteOutcomes {
    private WriteOutcomes() {
    }

    /** The exception to throw for a failed work-item insert: a duplicate id, a missing parent, or {@code e} itself. */
    static RuntimeException insertFailed(Db db, RuntimeException e, WorkItem item) {
        Failure f = db.classify(e);
        if (f == Failure.UNIQUE_VIOLATION) {
            String id = item.id().toString();
            return new DuplicateException("WorkItem", id, id);
        }
        return updateFailed(db, e, item);
    }

    /** The exception to throw for a failed work-item update: a missing parent, or {@code e} itself. */
    static RuntimeException updateFailed(Db db, RuntimeException e, WorkItem item) {
        if (db.classify(e) == Failure.FOREIGN_KEY_VIOLATION && item.parentId() != null) {
            return new NotFoundException("WorkItem", item.parentId().toString());
        }
        return e;
    }

    /**
     * The exception for a versioned update that changed no row, told apart by the row as it is now ({@code current},
     * null when missing): the item is gone, the version moved on, it moved in the hierarchy (version as expected, path
     * not the guarded one), or its parent is missing ({@code parentExists} asked only then). A guarded update whose
     * item is back at the expected path under an existing parent was refused while the item was elsewhere — an
     * ancestor moved away and back between the update and this re-read on PostgreSQL — and is stale as well.
     */
    static RuntimeException updateChangedNothing(WorkItemRow current, Mutation.UpdateWorkItem update,
                                                 Predicate<String> parentExists) {
        WorkItem item = update.item();
        long expected = update.expectedVersion();
        String id = item.id().toString();
        if (current == null) {
            return new NotFoundException("WorkItem", id);
        }
        if (current.version == expected) {
            String guard = update.expectedPath();
            UUID parent = item.parentId();
            if (guard != null && (!guard.equals(current.path) || parent == null
                    || parentExists.test(parent.toString()))) {
                return new StalePathException(id, guard, current.path);
            }
            if (parent != null) {
                return new NotFoundException("WorkItem", parent.toString());
            }
        }
        return new VersionConflictException("WorkItem", id, expected, current.version, current.updatedBy,
                current.toModel());
    }

    /** 0 rows for an audit insert that hit the unique id (counted as "nothing inserted"); anything else rethrown. */
    static int auditInsertFailed(Db db, RuntimeException e) {
        if (db.classify(e) == Failure.UNIQUE_VIOLATION) {
            return 0;
        }
        throw e;
    }

    /** The outcome of an audit insert that inserted nothing: the event id exists already. */
    static DuplicateException auditDuplicate(AuditEvent event) {
        String id = event.id().toString();
        return new DuplicateException("AuditEvent", id, id);
    }
}
