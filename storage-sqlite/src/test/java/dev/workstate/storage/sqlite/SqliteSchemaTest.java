package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.NotFoundException;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.StorageStatus;
import dev.workstate.storage.jdbc.JdbcStore;
import dev.workstate.storage.jdbc.internal.WorkItemSql;
import dev.workstate.storage.sqlite.internal.SqliteDialect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema creation by Liquibase, skipping when current, template equivalence, constraints and status. */
class SqliteSchemaTest {
    @TempDir
    Path dir;

    private static JdbcStore openInPlace(Path file) {
        // Bypasses the template: Liquibase runs against this very file.
        return new JdbcStore(new SqliteDialect(file), WorkstateConfig.forDirectory(file.getParent()));
    }

    private static List<String> query(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void liquibaseCreatesTheSchemaOnceSilentlyAndIsSkippedWhenCurrent() throws Exception {
        Path file = dir.resolve("inplace.db");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            try (JdbcStore store = openInPlace(file)) {
                assertThat(store.migratedOnOpen()).isTrue();
            }
            try (JdbcStore store = openInPlace(file)) {
                assertThat(store.migratedOnOpen()).isFalse();
                assertThat(store.configuration().get().version()).isEqualTo(1);
            }
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString()).as("nothing may reach stdout").isEmpty();
        assertThat(query(file, "SELECT COUNT(*) FROM DATABASECHANGELOG")).containsExactly("20");
        assertThat(query(file, "SELECT version FROM schema_info")).containsExactly("7");
        assertThat(query(file, "PRAGMA journal_mode")).containsExactly("wal");
        // No Liquibase table rebuild ever left a dangling reference.
        assertThat(query(file, "SELECT name FROM sqlite_master WHERE sql LIKE '%_temporary%'")).isEmpty();
        assertThat(query(file, "SELECT COUNT(*) FROM pragma_foreign_key_list('work_item_dependencies')"))
                .containsExactly("2");
    }

    @Test
    void anOlderSchemaIsMigratedOnOpen() throws Exception {
        Path file = dir.resolve("old.db");
        openInPlace(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            // Turn it back into a store of schema version 3 (before the list index, the full-text trigger that
            // skips unchanged text and the sync state): the store must notice and let Liquibase bring it up to date.
            s.executeUpdate("DROP INDEX ix_work_items_kind");
            s.executeUpdate("DROP TABLE sync_state");
            s.executeUpdate("DROP TRIGGER work_items_fts_au");
            s.executeUpdate("""
                    CREATE TRIGGER work_items_fts_au AFTER UPDATE OF title, description, metadata_text ON work_items BEGIN
                      INSERT INTO work_items_fts(work_items_fts, rowid, title, description, metadata_text)
                        VALUES ('delete', old.rid, old.title, old.description, old.metadata_text);
                      INSERT INTO work_items_fts(rowid, title, description, metadata_text)
                        VALUES (new.rid, new.title, new.description, new.metadata_text);
                    END""");
            s.executeUpdate("UPDATE schema_info SET version = 3");
            s.executeUpdate("DELETE FROM DATABASECHANGELOG WHERE id IN ('15-list-kind-index', '16-schema-version-4',"
                    + " '17-fts-only-changed-text', '18-schema-version-5', '20-schema-version-6', '21-sync-state', '22-schema-version-7')");
        }
        try (JdbcStore store = SqliteStore.open(file)) {
            assertThat(store.migratedOnOpen()).isTrue();
        }
        assertThat(query(file, "SELECT version FROM schema_info")).containsExactly("7");
        assertThat(query(file, "SELECT COUNT(*) FROM DATABASECHANGELOG")).containsExactly("20");
        assertThat(query(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_work_items_kind'"))
                .containsExactly("1");
        assertThat(query(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sync_state'"))
                .containsExactly("1");
        assertThat(query(file, "SELECT sql FROM sqlite_master WHERE name = 'work_items_fts_au'")).singleElement()
                .asString().contains("WHEN old.title IS NOT new.title");
    }

    @Test
    void templateCopyHasExactlyTheSchemaLiquibaseBuildsInPlace() throws Exception {
        Path inPlace = dir.resolve("a/inplace.db");
        Files.createDirectories(inPlace.getParent());
        openInPlace(inPlace).close();
        Path viaTemplate = dir.resolve("b/workstate.db");
        try (JdbcStore store = SqliteStore.open(viaTemplate)) {
            assertThat(store.migratedOnOpen()).isFalse();
        }
        String schema = "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master";
        assertThat(normalised(query(viaTemplate, schema))).isEqualTo(normalised(query(inPlace, schema)));
        assertThat(query(viaTemplate, "SELECT COUNT(*) FROM DATABASECHANGELOG")).containsExactly("20");
        assertThat(query(viaTemplate, "PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void filteredPagesWalkTheListIndexAndTheirCountsARangeOfTheKindIndex() throws Exception {
        Path file = dir.resolve("plan.db");
        openInPlace(file).close();
        WorkItemSql.Query q = new WorkItemSql.Query();
        q.itemType = "task";
        q.status = "active";
        q.pageWalksListOrder = new SqliteDialect(file).pagesWalkListOrder();
        // Without this plan the page would sort every matching item, or the count walk every live item.
        assertThat(plan(file, WorkItemSql.list(q))).singleElement().asString()
                .contains("INDEX ix_work_items_live").doesNotContain("TEMP B-TREE");
        assertThat(plan(file, WorkItemSql.count(q))).singleElement().asString()
                .contains("COVERING INDEX ix_work_items_kind (item_type=? AND status=? AND deleted_at=? AND archived_at=?)");
        q.status = null;
        assertThat(plan(file, WorkItemSql.count(q))).singleElement().asString()
                .contains("COVERING INDEX ix_work_items_kind (item_type=?)");
    }

    @Test
    void theReadyViewReadsTheLinksOnceInsteadOfProbingThemPerItem() throws Exception {
        Path file = dir.resolve("ready.db");
        openInPlace(file).close();
        WorkItemSql.Query q = new WorkItemSql.Query();
        q.readyOnly = true;
        q.viewer = "someone";
        q.pageWalksListOrder = true;
        for (String sql : List.of(WorkItemSql.count(q), WorkItemSql.list(q))) {
            List<String> plan = plan(file, sql);
            assertThat(plan).noneMatch(step -> step.contains("CORRELATED"));
            assertThat(plan.get(0)).contains("INDEX ix_work_items_live");
            // the held-up items: from the links (few) to the items, never from every live item to its links
            assertThat(plan).filteredOn(step -> step.startsWith("SCAN d")).hasSize(2);
            assertThat(plan).filteredOn(step -> step.startsWith("SEARCH b")).hasSize(2)
                    .allMatch(step -> step.contains("(id=?)"));
        }
    }

    /** The detail lines of SQLite's query plan for a list statement, its MyBatis parameters as {@code ?}. */
    private static List<String> plan(Path file, String mybatisSql) throws Exception {
        String sql = "EXPLAIN QUERY PLAN " + mybatisSql.replaceAll("#\\{[^}]+}", "?");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString("detail"));
            }
            return out;
        }
    }

    /** Liquibase emits a table's constraints in no fixed order: compare them as a set. */
    private static TreeSet<String> normalised(List<String> ddl) {
        TreeSet<String> out = new TreeSet<>();
        for (String d : ddl) {
            boolean closed = d.endsWith(")");
            String[] parts = (closed ? d.substring(0, d.length() - 1) : d).split(", CONSTRAINT ");
            java.util.Arrays.sort(parts, 1, parts.length);
            out.add(String.join(", CONSTRAINT ", parts) + (closed ? ")" : ""));
        }
        return out;
    }

    @Test
    void concurrentFirstOpensInOneJvmMigrateOnce() throws Exception {
        Path file = dir.resolve("race.db");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JdbcStore>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> openInPlace(file)));
            }
            int migrations = 0;
            for (Future<JdbcStore> f : opened) {
                try (JdbcStore s = f.get()) {
                    migrations += s.migratedOnOpen() ? 1 : 0;
                    assertThat(s.configuration().get().id()).isEqualTo(1);
                }
            }
            assertThat(migrations).isGreaterThanOrEqualTo(1);
            assertThat(query(file, "SELECT COUNT(*) FROM DATABASECHANGELOG")).containsExactly("20");
            assertThat(query(file, "SELECT COUNT(*) FROM project_configuration")).containsExactly("1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void foreignKeysAreEnforced() throws Exception {
        try (JdbcStore store = SqliteStore.open(dir.resolve("fk.db"))) {
            WorkItem a = StoreFixtures.root("A");
            store.apply(new Mutation.InsertWorkItem(a));
            WorkItem ghost = StoreFixtures.root("ghost");
            assertThatThrownBy(() -> store.apply(new Mutation.InsertDependency(new Dependency(a.id(), ghost.id(),
                    DependencyType.BLOCKS, StoreFixtures.T0, "t"))))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(ghost.id().toString());
            assertThat(store.workItems().dependenciesOf(a.id())).isEmpty();
        }
        assertThat(query(dir.resolve("fk.db"), "SELECT COUNT(*) FROM work_item_dependencies")).containsExactly("0");
    }

    @Test
    void statusReportsOneHealthyLayerWithTheFileNameOnly() {
        try (JdbcStore store = SqliteStore.open(dir.resolve("workstate.db"))) {
            store.ping();
            StorageStatus st = store.status();
            assertThat(st.primary()).isEqualTo("sqlite");
            assertThat(st.layers()).singleElement().satisfies(l -> {
                assertThat(l.name()).isEqualTo("sqlite");
                assertThat(l.healthy()).isTrue();
                assertThat(l.location()).isEqualTo("workstate.db").isEqualTo(store.location());
                assertThat(l.pendingOutbox()).isZero();
                assertThat(l.lastCheckAt()).isNotNull();
            });
        }
    }

    @Test
    void providerIsFoundThroughServiceLoaderAndCreatesTheDataDirectory() {
        var provider = dev.workstate.internal.StoreFactory.providers().get("sqlite");
        assertThat(provider).isInstanceOf(SqliteStorageProvider.class);
        Path dataDir = dir.resolve("nested/data");
        WorkstateConfig config = WorkstateConfig.forDirectory(dataDir);
        assertThat(provider.isEnabled(config)).isTrue();
        try (var store = provider.open(config)) {
            assertThat(store.layer()).isEqualTo("sqlite");
        }
        assertThat(dataDir.resolve("workstate.db")).exists();
    }
}
