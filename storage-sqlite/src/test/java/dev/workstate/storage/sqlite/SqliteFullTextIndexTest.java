package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.workstate.internal.SearchText;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.storage.jdbc.JdbcStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The full-text index is re-written only when an item's indexed text changes (schema version 5): whatever mix of
 * status-only, title, description, metadata, claim and delete/restore changes a store sees, the FTS5 index stays exactly the index
 * of the table (FTS5's own {@code integrity-check} compares the two), and a search finds an item by its current words
 * and never by replaced ones.
 */
class SqliteFullTextIndexTest {
    @TempDir
    Path dir;

    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"};

    /** One change to one of the items: what it changes is chosen by {@code kind}. */
    private record Change(int item, int kind, int word) {
    }

    @Test
    void theIndexStaysExactUnderAnyMixOfChanges() {
        Gen<Change> change = SourceDSL.integers().between(0, 4).zip(SourceDSL.integers().between(0, 5),
                SourceDSL.integers().between(0, WORDS.length - 1), Change::new);
        int[] run = {0};
        qt().withExamples(40).withShrinkCycles(20).forAll(SourceDSL.lists().of(change).ofSizeBetween(1, 40))
                .checkAssert(changes -> {
                    Path file = dir.resolve("fts-" + run[0]++ + ".db");
                    try (JdbcStore store = SqliteStore.open(file)) {
                        List<WorkItem> items = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            WorkItem w = StoreFixtures.root("item " + WORDS[i]);
                            store.apply(new Mutation.InsertWorkItem(w));
                            items.add(w);
                        }
                        for (Change c : changes) {
                            WorkItem w = items.get(c.item());
                            WorkItem.Builder b = w.toBuilder().version(w.version() + 1)
                                    .updatedAt(w.updatedAt().plusMillis(1));
                            switch (c.kind()) {
                                case 0 -> b.status(w.status() == WorkItemStatus.ACTIVE ? WorkItemStatus.BLOCKED
                                        : WorkItemStatus.ACTIVE);
                                case 1 -> b.title("item " + WORDS[c.word()]);
                                case 2 -> b.description("about " + WORDS[c.word()]);
                                case 3 -> b.metadata(Map.of("note", WORDS[c.word()]));
                                case 4 -> b.claimedBy("agent-" + c.word());
                                default -> b.deletedAt(w.deletedAt() == null ? w.updatedAt() : null);
                            }
                            WorkItem next = b.build();
                            store.apply(new Mutation.UpdateWorkItem(next, w.version()));
                            items.set(c.item(), next);
                        }
                        assertThat(integrityCheck(file)).isTrue();
                        for (String word : WORDS) {
                            Set<UUID> expected = items.stream()
                                    .filter(w -> SearchText.matches(word, w.title(), w.description(),
                                            SearchText.metadataText(w.metadata())))
                                    .map(WorkItem::id).collect(Collectors.toSet());
                            Set<UUID> found = store.workItems().list(search(word)).items().stream()
                                    .map(WorkItem::id).collect(Collectors.toSet());
                            assertThat(found).as("items found by '%s'", word).isEqualTo(expected);
                        }
                    }
                });
    }

    private static WorkItemFilter search(String word) {
        return new WorkItemFilter(null, null, null, false, false, word, true, true, null, StoreFixtures.T0, 100, 0);
    }

    /** FTS5's integrity check of an external-content table also checks the index against the table's rows. */
    private static boolean integrityCheck(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO work_items_fts(work_items_fts, rank) VALUES ('integrity-check', 1)");
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                return rs.next() && "ok".equals(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("the full-text index does not match the table: " + e.getMessage(), e);
        }
    }
}
