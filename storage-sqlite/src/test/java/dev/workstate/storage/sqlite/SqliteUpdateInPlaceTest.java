package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which b-tree pages an update writes, read back from the WAL: an update that keeps the item where it was read
 * (guarded by a path equal to its new one) leaves the path index and the id index alone, while an update that may move
 * the item (no guard: a mirror or a conflict resolution) rewrites them. SQLite rewrites the entry of every index whose
 * columns an {@code UPDATE} assigns, equal or not; the in-place statement is what keeps those pages out of each
 * status or title change. Structural, not timed: the count of pages is what the mirror and SQLite's own updates pay.
 */
class SqliteUpdateInPlaceTest extends FreshSqliteStore {
    private static final String PATH_INDEX = "ix_work_items_path";
    private static final String ID_INDEX = "sqlite_autoindex_work_items_1";

    @Test
    void anUpdateInPlaceWritesNoPageOfThePathOrTheIdIndex() throws Exception {
        WorkItem child = insertChildUnderRoot();
        emptyTheWal();

        WorkItem current = child;
        for (int i = 0; i < 5; i++) {
            WorkItem next = nextStatus(current, i);
            store.apply(new Mutation.UpdateWorkItem(next, current.version(), current.path()));
            current = next;
        }

        Map<String, Integer> written = pagesInTheWal();
        assertThat(written).containsKey("work_items").doesNotContainKeys(PATH_INDEX, ID_INDEX);
        assertThat(store.workItems().get(child.id())).contains(current);
    }

    @Test
    void anUpdateThatMayMoveTheItemRewritesThePathIndex() throws Exception {
        WorkItem child = insertChildUnderRoot();
        emptyTheWal();

        WorkItem next = nextStatus(child, 0);
        store.apply(new Mutation.UpdateWorkItem(next, child.version()));

        assertThat(pagesInTheWal()).containsKeys("work_items", PATH_INDEX);
        assertThat(store.workItems().get(child.id())).contains(next);
    }

    private WorkItem insertChildUnderRoot() {
        WorkItem root = StoreFixtures.root("Root");
        WorkItem child = StoreFixtures.child(root, "Child");
        store.apply(new Mutation.InsertWorkItem(root));
        store.apply(new Mutation.InsertWorkItem(child));
        return child;
    }

    private static WorkItem nextStatus(WorkItem w, int n) {
        return w.toBuilder().version(w.version() + 1)
                .status(n % 2 == 0 ? WorkItemStatus.BLOCKED : WorkItemStatus.ACTIVE)
                .updatedAt(w.updatedAt().plusMillis(1)).build();
    }

    private Path file() {
        return dir.resolve("workstate.db");
    }

    /** Checkpoints and truncates the WAL, so it then holds only the frames written after this call. */
    private void emptyTheWal() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("checkpoint blocked").isZero();
        }
        assertThat(Files.size(Path.of(file() + "-wal"))).isZero();
    }

    /** How many WAL frames each b-tree (table or index, by name) has, mapping page numbers with {@code dbstat}. */
    private Map<String, Integer> pagesInTheWal() throws Exception {
        byte[] wal = Files.readAllBytes(Path.of(file() + "-wal"));
        ByteBuffer b = ByteBuffer.wrap(wal);
        int pageSize = b.getInt(8);
        Map<Integer, String> owner = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, pageno FROM dbstat")) {
            while (rs.next()) {
                owner.put(rs.getInt(2), rs.getString(1));
            }
        }
        Map<String, Integer> frames = new TreeMap<>();
        for (int at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
            frames.merge(owner.getOrDefault(b.getInt(at), "page " + b.getInt(at)), 1, Integer::sum);
        }
        return frames;
    }
}
