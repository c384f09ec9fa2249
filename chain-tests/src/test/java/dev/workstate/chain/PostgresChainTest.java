package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Store;
import dev.workstate.service.SyncReport;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.storage.postgres.PostgresStore;
import dev.workstate.testkit.Eventually;
import dev.workstate.testkit.Fixtures;
import dev.workstate.testkit.PgTestDatabase;
import dev.workstate.testkit.Race;
import dev.workstate.testkit.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chain over a real PostgreSQL (reached through an in-test TCP proxy that cuts connections like a dead server)
 * and a real SQLite file.
 */
class PostgresChainTest extends ChainTestBase {
    private static final PgTestDatabase DB = PgTestDatabase.get();

    TcpProxy proxy;
    Store pg;
    Store sq;
    String schema;

    ChainStore open(ChainStore.ReplayHook hook) {
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(DB.url());
        assertThat(m.find()).as("PostgreSQL URL %s", DB.url()).isTrue();
        proxy = closeLater(TcpProxy.start(m.group(1), Integer.parseInt(m.group(2))));
        String url = DB.url().substring(0, m.start()) + "//127.0.0.1:" + proxy.port() + "/"
                + DB.url().substring(m.end());
        schema = DB.freshSchema();
        WorkstateConfig config = DB.config(dir, schema).toBuilder().databaseUrl(url)
                .connectTimeout(Duration.ofSeconds(1)).build();
        pg = PostgresStore.open(config);
        sq = sqlite("workstate.db");
        ChainStore.Builder b = chain().layer(pg).layer(sq);
        if (hook != null) {
            b.replayHook(hook);
        }
        ChainStore chain = closeLater(b.build());
        String created = schema;
        toClose.add(() -> DB.dropSchema(created));
        return chain;
    }

    /** Restores the proxy and waits (bounded) until the store's pool reaches PostgreSQL again. */
    void restoreAndAwaitPostgres() {
        proxy.restore();
        Eventually.await(Duration.ofSeconds(20), this::pingFailure, failure -> failure == null,
                failure -> "postgres still unreachable: " + failure.getMessage());
    }

    /** Why postgres cannot be reached, or null when it answers. */
    private RuntimeException pingFailure() {
        try {
            pg.ping();
            return null;
        } catch (dev.workstate.error.StorageUnavailableException e) {
            return e;
        }
    }

    @Test
    void postgresCutWhileWritingThenReplayedWithNothingLost() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem project = ws.workItems().create(Fixtures.item("project", "P"));
        assertThat(chain.servedBy().layer()).isEqualTo("postgres");
        chain.flushMirrors();
        assertThat(sq.workItems().get(project.id())).contains(project);

        proxy.cut();
        long t0 = System.nanoTime();
        WorkItem first = ws.workItems().create(Fixtures.child("task", "first after the cut", project.id()));
        Duration firstCall = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(chain.servedBy().warning()).isEqualTo("postgres unavailable; served by sqlite (may be stale)");
        org.slf4j.LoggerFactory.getLogger(PostgresChainTest.class).info("first call after the cut: {} ms",
                firstCall.toMillis());
        assertThat(firstCall).isLessThan(Duration.ofSeconds(5));
        long t1 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            ws.workItems().get(first.id().toString());
        }
        org.slf4j.LoggerFactory.getLogger(PostgresChainTest.class).info("100 reads during the outage: {} ms",
                Duration.ofNanos(System.nanoTime() - t1).toMillis());
        List<WorkItem> acknowledged = new ArrayList<>(List.of(first));
        for (int i = 0; i < 10; i++) {
            acknowledged.add(ws.workItems().create(Fixtures.child("task", "t" + i, project.id())));
        }
        acknowledged.add(ws.workItems().update(WorkItemUpdate.builder(project.id().toString(), 1L).title("P2")
                .build()));
        assertThat(ws.workItems().get(first.id().toString())).isEqualTo(first);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");

        restoreAndAwaitPostgres();
        SyncReport report = chain.sync();
        assertThat(report.remaining()).isZero();
        assertThat(report.conflicts()).isZero();
        // kept in both databases, so a sync --status in another process reports it
        assertThat(pg.outbox().lastSyncAt()).isPresent();
        assertThat(sq.outbox().lastSyncAt()).isPresent();
        for (WorkItem w : acknowledged) {
            assertThat(pg.workItems().get(w.id())).contains(w);
        }
        assertThat(ChainFixture.snapshot(pg)).isEqualTo(ChainFixture.snapshot(sq));
        ws.workItems().get(first.id().toString());
        assertThat(chain.servedBy().layer()).isEqualTo("postgres");
    }

    @Test
    void postgresAsALowerLayerKeepsItsMirrorJournalInATable() {
        String lowerSchema = DB.freshSchema();
        toClose.add(() -> DB.dropSchema(lowerSchema));
        Store lowerPg = PostgresStore.open(DB.config(dir.resolve("lower-pg"), lowerSchema));
        ChainStore chain = closeLater(chain().foldDelay(Duration.ofHours(1)).layer("top", () -> sqlite("top.db"))
                .layer(lowerPg).build());
        Workstate ws = over(chain);

        WorkItem w = ws.workItems().create(Fixtures.item("task", "mirrored into postgres"));

        assertThat(lowerPg.mirrorJournal().orElseThrow().size()).isEqualTo(1);
        assertThat(lowerPg.workItems().get(w.id())).isEmpty();
        chain.flushMirrors();
        assertThat(lowerPg.mirrorJournal().orElseThrow().size()).isZero();
        assertThat(lowerPg.workItems().get(w.id())).contains(w);
    }

    @Test
    void everyWriteAcknowledgedJustBeforeACutIsReadableFromSqlite() throws Exception {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        Map<String, WorkItem> acknowledged = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Race.outcomes(pool, 4, writer -> () -> {
                for (int i = 0; i < 8; i++) {
                    WorkItem w = ws.workItems().create(Fixtures.item("task", "w" + writer + "-" + i));
                    acknowledged.put(w.id().toString(), w);
                    w = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), w.version())
                            .title("w" + writer + "-" + i + " renamed").build());
                    acknowledged.put(w.id().toString(), w);
                }
                return null;
            }, Duration.ofSeconds(60)).forEach(outcome -> assertThat(outcome).isNull());
        } finally {
            pool.shutdownNow();
        }
        proxy.cut(); // right after the last acknowledgement: nothing more happens on the writers' side

        assertThat(acknowledged).hasSize(32);
        for (WorkItem w : acknowledged.values()) {
            assertThat(ws.workItems().get(w.id().toString())).isEqualTo(w);
            assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        }
        restoreAndAwaitPostgres();
        SyncReport report = chain.sync();
        assertThat(report.conflicts()).isZero();
        assertThat(ChainFixture.snapshot(pg)).isEqualTo(ChainFixture.snapshot(sq));
    }

    @Test
    void aCutInTheMiddleOfATransactionLeavesNothingInPostgres() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        ws.workItems().create(Fixtures.item("project", "P"));
        long pgItems = pg.workItems().count();

        proxy.cutAfterBytesToServer(200); // a few statements into the next transaction
        WorkItem w = ws.workItems().create(Fixtures.item("task", "cut mid-transaction"));

        assertThat(sq.workItems().get(w.id())).contains(w);
        restoreAndAwaitPostgres();
        assertThat(pg.workItems().count()).isEqualTo(pgItems);
        chain.sync();
        assertThat(pg.workItems().get(w.id())).contains(w);
        assertThat(ChainFixture.snapshot(pg)).isEqualTo(ChainFixture.snapshot(sq));
    }

    @Test
    void aCutInTheMiddleOfReplayLosesAndDuplicatesNothing() {
        AtomicBoolean cutOnce = new AtomicBoolean();
        ChainStore[] holder = new ChainStore[1];
        ChainStore chain = open((from, to, entry) -> {
            if (entry.seq() >= 4 && cutOnce.compareAndSet(false, true)) {
                proxy.cut();
            }
        });
        holder[0] = chain;
        Workstate ws = over(chain);
        proxy.cut();
        List<WorkItem> acknowledged = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(1));
            acknowledged.add(ws.workItems().create(Fixtures.item("task", "queued " + i)));
        }
        restoreAndAwaitPostgres();

        SyncReport partial = chain.sync();
        assertThat(partial.remaining()).isPositive();
        assertThat(chain.status().layers().get(0).healthy()).isFalse();
        restoreAndAwaitPostgres();
        SyncReport rest = chain.sync();
        assertThat(rest.remaining()).isZero();
        for (WorkItem w : acknowledged) {
            assertThat(pg.workItems().get(w.id())).contains(w);
        }
        List<AuditEvent> events = pg.audit().all(1000, 0);
        assertThat(new HashSet<>(events.stream().map(AuditEvent::id).toList())).hasSize(events.size());
        assertThat(events).hasSize(6);
        assertThat(ChainFixture.snapshot(pg)).isEqualTo(ChainFixture.snapshot(sq));
    }

    @Test
    void aWriteQueuedInSqliteAgainstAVersionAnotherClientMovedOnBecomesAConflict() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem item = ws.workItems().create(Fixtures.item("task", "base"));
        proxy.cut();
        ws.workItems().update(WorkItemUpdate.builder(item.id().toString(), 1L).title("mine").build());
        // another client reaches PostgreSQL directly and moves the item to version 2
        Store direct = closeLater(PostgresStore.open(DB.config(dir.resolve("other"), schema)));
        Workstate.over(direct, WorkstateConfig.forDirectory(dir.resolve("other")), clock).workItems()
                .update(WorkItemUpdate.builder(item.id().toString(), 1L).title("theirs").build());
        restoreAndAwaitPostgres();

        SyncReport report = chain.sync();
        assertThat(report.conflicts()).isEqualTo(1);
        var conflict = chain.conflicts().get(0);
        assertThat(conflict.mine()).contains("\"title\":\"mine\"");
        assertThat(conflict.theirs()).contains("\"title\":\"theirs\"");
        assertThat(pg.workItems().get(item.id()).orElseThrow().title()).isEqualTo("theirs");
        assertThat(sq.workItems().get(item.id()).orElseThrow().title()).isEqualTo("theirs");

        ws.storage().resolve(conflict.id().toString(), "mine");
        WorkItem resolved = pg.workItems().get(item.id()).orElseThrow();
        assertThat(resolved.title()).isEqualTo("mine");
        assertThat(resolved.version()).isEqualTo(3);
        assertThat(sq.workItems().get(item.id())).contains(resolved);
        assertThat(chain.conflicts()).isEmpty();
    }

    @Test
    void bothLayersDownListsEachReason() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        proxy.cut();
        sq.close();
        assertThatThrownBy(() -> ws.workItems().create(Fixtures.item("task", "x")))
                .hasMessageStartingWith("all storage layers are unavailable:")
                .hasMessageContaining("postgres")
                .hasMessageContaining("sqlite");
    }
}
