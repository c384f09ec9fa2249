package dev.workstate.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.WorkItem;
import dev.workstate.service.ClaimResult;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.Race;
import dev.workstate.testkit.Fixtures;
import dev.workstate.testkit.PgTestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's load acceptance on a real PostgreSQL: many writers on one item never lose an update, and exactly one of
 * many concurrent claimers wins, round after round.
 */
class PgLoadTest {
    static final PgTestDatabase DB = PgTestDatabase.get();
    static final String SCHEMA = DB.freshSchema();
    static Workstate ws;
    static ExecutorService pool;

    @BeforeAll
    static void open(@TempDir Path dir) {
        // A load test on a small, busy machine: give pool waits room (a dead server is PgSafetyTest's concern).
        WorkstateConfig config = DB.config(dir, SCHEMA).toBuilder().poolSize(34)
                .connectTimeout(java.time.Duration.ofSeconds(20)).build();
        ws = Workstate.over(PostgresStore.open(config), config, Clock.systemUTC());
        pool = Executors.newFixedThreadPool(32);
    }

    @AfterAll
    static void close() {
        pool.shutdownNow();
        ws.close();
        DB.dropSchema(SCHEMA);
    }

    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        return Race.all(pool, threads, task, java.time.Duration.ofMinutes(5));
    }

    @Test
    void sixteenThreadsTimesFiveHundredUpdatesLoseNothing() throws Exception {
        WorkItem item = ws.workItems().create(Fixtures.item("task", "contended"));
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        race(16, () -> {
            for (int i = 0; i < 500; i++) {
                WorkItem current = ws.workItems().get(item.id().toString());
                try {
                    ws.workItems().update(WorkItemUpdate.builder(item.id().toString(), current.version())
                            .title("update " + current.version()).updatedBy("writer").build());
                    successes.incrementAndGet();
                } catch (VersionConflictException e) {
                    assertThat(e.expectedVersion()).isEqualTo(current.version());
                    assertThat(e.currentVersion()).isGreaterThan(current.version());
                    conflicts.incrementAndGet();
                } catch (RuntimeException e) {
                    other.incrementAndGet();
                }
            }
            return null;
        });
        WorkItem last = ws.workItems().get(item.id().toString());
        assertThat(other.get()).as("only successes and VERSION_CONFLICTs").isZero();
        assertThat(successes.get() + conflicts.get()).isEqualTo(16 * 500);
        assertThat(last.version()).isEqualTo(1L + successes.get());
        // every success appended exactly one audit event after the create
        assertThat(ws.workItems().history(item.id().toString())).hasSize(1 + successes.get());
    }

    @Test
    void thirtyTwoClaimersOneWinnerTwoHundredRounds() throws Exception {
        for (int round = 0; round < 200; round++) {
            WorkItem item = ws.workItems().create(Fixtures.item("task", "claim round " + round));
            AtomicInteger n = new AtomicInteger();
            List<ClaimResult> results = race(32, () -> ws.workItems()
                    .claim(item.id().toString(), "agent-" + n.incrementAndGet(), "claim", 30));
            List<ClaimResult> winners = results.stream().filter(ClaimResult::granted).toList();
            assertThat(winners).as("round %d", round).hasSize(1);
            String holder = winners.get(0).claimedBy();
            assertThat(results).allSatisfy(r -> assertThat(r.claimedBy()).isEqualTo(holder));
            assertThat(ws.workItems().get(item.id().toString()).claimedBy()).isEqualTo(holder);
        }
    }
}
