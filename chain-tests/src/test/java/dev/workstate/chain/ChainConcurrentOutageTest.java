package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.model.WorkItem;
import dev.workstate.testkit.Eventually;
import dev.workstate.testkit.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several clients keep writing while the top layer dies and comes back: no acknowledged write is lost. */
class ChainConcurrentOutageTest extends ChainTestBase {

    @Test
    void writersRacingAnOutageLoseNothing() throws Exception {
        ChainStore chain = twoSqliteLayers();
        Workstate ws = over(chain);
        Map<String, WorkItem> acknowledged = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        WorkItem w = ws.workItems().create(Fixtures.item("task", "w" + writer + "-" + i));
                        acknowledged.put(w.id().toString(), w);
                    }
                    return null;
                }));
            }
            awaitAtLeast(acknowledged, 30);
            top.cut();
            awaitAtLeast(acknowledged, 110);
            top.restore();
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(acknowledged).hasSize(160);

        chain.sync();
        assertThat(lower.real().outbox().size()).isZero();
        Map<String, WorkItem> inTop = ChainFixture.items(top.real());
        assertThat(inTop).hasSize(160);
        acknowledged.forEach((id, w) -> assertThat(inTop.get(id)).isEqualTo(w));
        assertThat(ChainFixture.snapshot(lower.real())).isEqualTo(ChainFixture.snapshot(top.real()));
    }

    private static void awaitAtLeast(Map<String, WorkItem> acknowledged, int n) {
        Eventually.await(Duration.ofSeconds(60), acknowledged::size, size -> size >= n,
                size -> size + " of " + n + " writes acknowledged");
    }
}
