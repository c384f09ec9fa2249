package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.service.SyncReport;
import dev.workstate.testkit.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A thousand queued outbox entries replay in order, in bounded time, with nothing left behind. */
class ChainReplayVolumeTest extends ChainTestBase {
    private static final Logger LOG = LoggerFactory.getLogger(ChainReplayVolumeTest.class);

    @Test
    void aThousandQueuedEntriesReplayQuickly() {
        ChainStore chain = twoSqliteLayers();
        Workstate ws = over(chain);
        top.cut();
        for (int i = 0; i < 500; i++) {
            ws.workItems().create(Fixtures.item("task", "queued " + i));
        }
        assertThat(lower.real().outbox().size()).isEqualTo(1000);
        top.restore();

        long t0 = System.nanoTime();
        SyncReport report = chain.sync();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("replayed {} outbox entries in {} ms", report.replayed(), took.toMillis());

        assertThat(report.replayed()).isEqualTo(1000);
        assertThat(report.remaining()).isZero();
        assertThat(ChainFixture.snapshot(top.real())).isEqualTo(ChainFixture.snapshot(lower.real()));
        // the 2 s target is measured by the JMH benchmark (benchmarks/), not asserted here
    }
}
