package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.error.DuplicateException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.Ids;
import dev.workstate.port.Mutation;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.storage.jdbc.JdbcStore;
import dev.workstate.testkit.Race;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic compare-and-set, claim races, vendor-name races and several processes on one file. */
class SqliteConcurrencyTest {
    @TempDir
    Path dir;
    JdbcStore store;
    ExecutorService pool;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("workstate.db"));
        pool = Executors.newFixedThreadPool(32);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    private <T> List<T> race(int threads, Callable<T> task) throws Exception {
        return Race.all(pool, threads, task, java.time.Duration.ofSeconds(60));
    }

    @Test
    void versionedUpdatesNeverLoseAnUpdate() throws Exception {
        WorkItem item = StoreFixtures.root("counter");
        store.apply(new Mutation.InsertWorkItem(item));
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        race(8, () -> {
            for (int i = 0; i < 40; i++) {
                WorkItem cur = store.workItems().get(item.id()).orElseThrow();
                WorkItem next = cur.toBuilder().version(cur.version() + 1).title("v" + (cur.version() + 1)).build();
                try {
                    store.inTransaction(() -> {
                        store.apply(new Mutation.UpdateWorkItem(next, cur.version()));
                        store.apply(new Mutation.AppendAudit(StoreFixtures.audit(next, "update")));
                        return null;
                    });
                    wins.incrementAndGet();
                } catch (VersionConflictException e) {
                    assertThat(e.currentVersion()).isGreaterThan(cur.version());
                    conflicts.incrementAndGet();
                }
            }
            return null;
        });
        WorkItem last = store.workItems().get(item.id()).orElseThrow();
        assertThat(wins.get() + conflicts.get()).isEqualTo(8 * 40);
        assertThat(last.version()).isEqualTo(1 + wins.get());
        assertThat(last.title()).isEqualTo("v" + last.version());
        // Exactly one audit event per successful update: conflicts rolled back.
        assertThat(store.audit().count()).isEqualTo(wins.get());
    }

    @Test
    void exactlyOneOf32ConcurrentClaimersWins() throws Exception {
        for (int round = 0; round < 10; round++) {
            WorkItem item = StoreFixtures.root("claim " + round);
            store.apply(new Mutation.InsertWorkItem(item));
            Instant now = StoreFixtures.T0;
            AtomicInteger n = new AtomicInteger();
            List<Boolean> results = race(32, () -> store.apply(new Mutation.ClaimWorkItem(item.id(),
                    "agent-" + n.incrementAndGet(), now.plusSeconds(1800), now)));
            assertThat(results.stream().filter(b -> b).count()).as("round %d", round).isEqualTo(1);
            WorkItem claimed = store.workItems().get(item.id()).orElseThrow();
            assertThat(claimed.claimedBy()).startsWith("agent-");
            assertThat(claimed.version()).isEqualTo(1);
        }
    }

    @Test
    void vendorNamesAreUniqueIgnoringCaseUnderARace() throws Exception {
        Instant t = StoreFixtures.T0;
        AtomicInteger n = new AtomicInteger();
        List<Object> results = race(8, () -> {
            int i = n.incrementAndGet();
            String name = i % 2 == 0 ? "Acme Extractor" : "ACME extractor";
            Vendor v = new Vendor(Ids.newId(), 1, name, VendorStatus.BROKEN, "0.0.0", VendorMetadata.DEFAULTS, t, t,
                    "t", "t");
            try {
                store.apply(new Mutation.InsertVendor(v));
                return v;
            } catch (DuplicateException e) {
                return e;
            }
        });
        List<Vendor> winners = results.stream().filter(r -> r instanceof Vendor).map(r -> (Vendor) r).toList();
        assertThat(winners).hasSize(1);
        String winnerId = winners.get(0).id().toString();
        assertThat(results).filteredOn(r -> r instanceof DuplicateException).hasSize(7)
                .allSatisfy(e -> assertThat(((DuplicateException) e).details()).containsEntry("existing_id", winnerId));
        assertThat(store.vendors().findByName("acme EXTRACTOR")).map(Vendor::id).contains(winners.get(0).id());
    }

    @Test
    void twoProcessesMigratingOneFreshFileInPlaceBothSucceed() throws Exception {
        Path file = dir.resolve("inplace/workstate.db");
        Files.createDirectories(file.getParent());
        Path log = dir.resolve("child-inplace.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MultiProcessWriter.class.getName(), file.toString(),
                "20", "child", "in-place")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            try (JdbcStore mine = new JdbcStore(new dev.workstate.storage.sqlite.internal.SqliteDialect(file),
                    dev.workstate.WorkstateConfig.forDirectory(file.getParent()))) {
                for (int i = 0; i < 20; i++) {
                    mine.apply(new Mutation.InsertWorkItem(StoreFixtures.root("parent " + i)));
                }
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
                assertThat(child.exitValue()).as("child exit; log:%n%s", Files.readString(log)).isZero();
                assertThat(mine.workItems().count()).isEqualTo(40);
                assertThat(mine.configuration().get().id()).isEqualTo(1);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void twoProcessesWritingOneFreshFileKeepEveryRow() throws Exception {
        Path file = dir.resolve("shared/workstate.db");
        Files.createDirectories(file.getParent());
        int perProcess = 150;
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MultiProcessWriter.class.getName(), file.toString(),
                String.valueOf(perProcess), "child")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (JdbcStore mine = SqliteStore.open(file)) {
            for (int i = 0; i < perProcess; i++) {
                WorkItem w = StoreFixtures.root("parent " + i);
                mine.inTransaction(() -> {
                    mine.apply(new Mutation.InsertWorkItem(w));
                    mine.apply(new Mutation.AppendAudit(StoreFixtures.audit(w, "create")));
                    return null;
                });
            }
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(child.exitValue()).as("child exit; log:%n%s", Files.readString(log)).isZero();
            assertThat(mine.workItems().count()).isEqualTo(2L * perProcess);
            assertThat(mine.audit().count()).isEqualTo(2L * perProcess);
            var all = mine.workItems().list(WorkItemFilter.allLive(StoreFixtures.T0)).items();
            assertThat(all).extracting(WorkItem::id).doesNotHaveDuplicates().hasSize(2 * perProcess);
            assertThat(all).filteredOn(w -> w.title().startsWith("child ")).hasSize(perProcess);
        } finally {
            child.destroyForcibly();
        }
        assertThat(new File(file.getParent().toFile(), "workstate.db")).exists();
    }
}
