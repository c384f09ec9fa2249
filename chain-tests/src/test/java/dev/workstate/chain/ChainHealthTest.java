package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.model.WorkItem;
import dev.workstate.testkit.Eventually;
import dev.workstate.testkit.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Back-off, the background prober and automatic replay on recovery. */
class ChainHealthTest extends ChainTestBase {

    @Test
    void onlyTheFirstCallAfterAFailureTouchesTheDeadLayer() {
        ChainStore chain = twoSqliteLayers();
        Workstate ws = over(chain);
        WorkItem a = ws.workItems().create(Fixtures.item("task", "a"));
        top.cut();

        ws.workItems().get(a.id().toString());
        assertThat(top.refused()).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            ws.workItems().get(a.id().toString());
            ws.workItems().create(Fixtures.item("task", "b" + i));
        }
        assertThat(top.refused()).isEqualTo(1);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
    }

    @Test
    void theProberNoticesRecoveryAndReplaysInTheBackground() throws Exception {
        ChainStore chain = closeLater(twoSqliteLayers(ChainStore.builder().clock(clock)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100))));
        Workstate ws = over(chain);
        top.cut();
        WorkItem queued = ws.workItems().create(Fixtures.item("task", "while down"));
        assertThat(lower.real().outbox().size()).isPositive();
        assertThat(chain.status().layers().get(0).healthy()).isFalse();

        top.restore();
        Eventually.await(Duration.ofSeconds(10), chain::status,
                status -> lower.real().outbox().size() == 0 && "top".equals(status.primary()),
                status -> "not replayed: " + status);
        assertThat(chain.status().primary()).isEqualTo("top");
        assertThat(lower.real().outbox().size()).isZero();
        assertThat(top.real().workItems().get(queued.id())).contains(queued);
        ws.workItems().get(queued.id().toString());
        assertThat(chain.servedBy().layer()).isEqualTo("top");
        assertThat(chain.servedBy().stale()).isFalse();
    }
}
