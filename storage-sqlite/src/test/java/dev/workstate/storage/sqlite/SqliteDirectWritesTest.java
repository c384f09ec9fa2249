package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import dev.workstate.storage.jdbc.JdbcStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Creates, content updates and audit inserts run on statements kept prepared per pooled connection. Two stores on
 * one file, each with its own pool (as two processes would have): a kept statement always works on the committed
 * state of the other (it caches statements, never data); failed writes leave no broken statement behind; a rolled
 * back transaction leaves nothing; closing the store finalizes every kept statement.
 */
class SqliteDirectWritesTest extends TwoStoresOnOneFile {
    private static WorkItem next(WorkItem w, String title, String by) {
        return w.toBuilder().version(w.version() + 1).title(title).updatedAt(w.updatedAt().plusMillis(1))
                .updatedBy(by).build();
    }

    private static void write(JdbcStore store, Mutation m, WorkItem about) {
        store.inTransaction(() -> {
            store.apply(m);
            store.apply(new Mutation.AppendAudit(StoreFixtures.audit(about, "update")));
            return null;
        });
    }

    @Test
    void aKeptUpdateWorksOnWhatTheOtherStoreCommittedInBetween() {
        WorkItem w = StoreFixtures.root("Root");
        write(first, new Mutation.InsertWorkItem(w), w);
        WorkItem v2 = next(w, "first's", "first");
        write(first, new Mutation.UpdateWorkItem(v2, 1), v2);

        WorkItem v3 = next(v2, "second's", "second");
        write(second, new Mutation.UpdateWorkItem(v3, 2), v3);

        WorkItem stale = next(v2, "first's again", "first");
        assertThatThrownBy(() -> write(first, new Mutation.UpdateWorkItem(stale, 2), stale))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.currentVersion()).isEqualTo(3);
                    assertThat(e.current()).isEqualTo(v3);
                });
        WorkItem v4 = next(v3, "first's at 3", "first");
        write(first, new Mutation.UpdateWorkItem(v4, 3), v4);

        assertThat(second.workItems().get(w.id())).contains(v4);
        assertThat(second.audit().history(EntityType.WORK_ITEM, w.id().toString())).hasSize(4);
    }

    @Test
    void anUpdateWritesEveryContentFieldIncludingNulls() {
        WorkItem root = StoreFixtures.root("Root");
        WorkItem child = StoreFixtures.child(root, "Child");
        first.apply(new Mutation.InsertWorkItem(root));
        first.apply(new Mutation.InsertWorkItem(child));

        WorkItem full = child.toBuilder().version(2).description("desc").status(WorkItemStatus.COMPLETED)
                .branchName("b").commitHash("a".repeat(40)).prNumber(7)
                .metadata(Map.of("estimated_hours", 2.5, "n", 3L)).deletedAt(StoreFixtures.T0.plusMillis(1))
                .archivedAt(StoreFixtures.T0.plusMillis(2)).updatedAt(StoreFixtures.T0.plusMillis(3))
                .updatedBy("u").build();
        first.apply(new Mutation.UpdateWorkItem(full, 1));
        assertThat(second.workItems().get(child.id())).contains(full);

        WorkItem cleared = child.toBuilder().version(3).updatedAt(StoreFixtures.T0.plusMillis(4)).build();
        first.apply(new Mutation.UpdateWorkItem(cleared, 2));
        assertThat(second.workItems().get(child.id())).contains(cleared);
    }

    @Test
    void failedWritesLeaveTheStoreWritable() {
        WorkItem root = StoreFixtures.root("Root");
        AuditEvent created = StoreFixtures.audit(root, "create");
        first.inTransaction(() -> {
            first.apply(new Mutation.InsertWorkItem(root));
            first.apply(new Mutation.AppendAudit(created));
            return null;
        });

        assertThatThrownBy(() -> first.apply(new Mutation.InsertWorkItem(root)))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> second.apply(new Mutation.AppendAudit(created)))
                .isInstanceOf(DuplicateException.class);
        WorkItem ghost = StoreFixtures.root("ghost");
        assertThatThrownBy(() -> first.apply(new Mutation.UpdateWorkItem(next(ghost, "x", "t"), 1)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(ghost.id().toString());
        WorkItem orphan = StoreFixtures.child(ghost, "orphan");
        assertThatThrownBy(() -> first.apply(new Mutation.InsertWorkItem(orphan)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(ghost.id().toString());
        WorkItem moved = next(root, "under a ghost", "t").toBuilder().parentId(ghost.id())
                .path(ghost.path() + "/" + root.id()).depth(1).build();
        assertThatThrownBy(() -> first.apply(new Mutation.UpdateWorkItem(moved, 1)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(ghost.id().toString());

        WorkItem v2 = next(root, "after the failures", "t");
        write(first, new Mutation.UpdateWorkItem(v2, 1), v2);
        WorkItem other = StoreFixtures.root("Other");
        write(first, new Mutation.InsertWorkItem(other), other);
        assertThat(second.workItems().get(root.id())).contains(v2);
        assertThat(second.workItems().get(other.id())).contains(other);
    }

    @Test
    void aRolledBackTransactionLeavesNothing() {
        WorkItem root = StoreFixtures.root("Root");
        first.apply(new Mutation.InsertWorkItem(root));
        WorkItem v2 = next(root, "never", "t");
        WorkItem lost = StoreFixtures.root("Lost");
        assertThatThrownBy(() -> first.inTransaction(() -> {
            first.apply(new Mutation.UpdateWorkItem(v2, 1));
            first.apply(new Mutation.InsertWorkItem(lost));
            first.apply(new Mutation.AppendAudit(StoreFixtures.audit(root, "update")));
            throw new IllegalStateException("caller gives up");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(second.workItems().get(root.id())).contains(root);
        assertThat(second.workItems().get(lost.id())).isEmpty();
        assertThat(second.audit().history(EntityType.WORK_ITEM, root.id().toString())).isEmpty();
        WorkItem v2b = next(root, "now", "t");
        write(first, new Mutation.UpdateWorkItem(v2b, 1), v2b);
        assertThat(second.workItems().get(root.id())).contains(v2b);
    }

    @Test
    void closingTheStoresFinalizesTheirKeptStatements() {
        WorkItem root = StoreFixtures.root("Root");
        write(first, new Mutation.InsertWorkItem(root), root);
        WorkItem v2 = next(root, "second's", "second");
        write(second, new Mutation.UpdateWorkItem(v2, 1), v2);

        first.close();
        second.close();
        // SQLite checkpoints and removes the WAL only when the last connection closes with every statement finalized
        assertThat(dir.resolve("workstate.db-wal")).doesNotExist();
        try (JdbcStore reopened = SqliteStore.open(dir.resolve("workstate.db"))) {
            assertThat(reopened.workItems().get(root.id())).contains(v2);
        }
    }
}
