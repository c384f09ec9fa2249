package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.workstate.Workstate;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.WorkItem;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.storage.sqlite.SqliteStore;
import dev.workstate.testkit.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of writes, outages (of either layer, and cuts in the middle of a commit) and recoveries against a
 * two-SQLite chain and an in-memory model of every acknowledged write: after the final recovery the top layer holds
 * exactly the model and no outbox holds anything.
 */
class ChainPropertyTest extends ChainTestBase {
    private final AtomicInteger example = new AtomicInteger();

    @Test
    void afterFinalRecoveryTheTopLayerEqualsTheModelAndOutboxesAreEmpty() {
        qt().withExamples(25).withShrinkCycles(20)
                .forAll(lists().of(integers().between(0, 9)).ofSizeBetween(1, 30))
                .checkAssert(this::run);
    }

    private void run(List<Integer> ops) {
        Path ex = dir.resolve("ex" + example.incrementAndGet());
        SwitchableStore top = new SwitchableStore("top", SqliteStore.open(ex.resolve("top.db")));
        SwitchableStore lower = new SwitchableStore("sqlite", SqliteStore.open(ex.resolve("lower.db")));
        try (ChainStore chain = chain().layer(top).layer(lower).build()) {
            Workstate ws = over(chain);
            Map<UUID, WorkItem> model = new LinkedHashMap<>();
            List<UUID> ids = new ArrayList<>();
            int step = 0;
            for (int op : ops) {
                step++;
                try {
                    switch (op) {
                        case 0, 1, 2 -> {
                            WorkItem w = ws.workItems().create(Fixtures.item("task", "c" + step));
                            model.put(w.id(), w);
                            ids.add(w.id());
                        }
                        case 3, 4 -> {
                            if (!ids.isEmpty()) {
                                WorkItem cur = model.get(ids.get(step % ids.size()));
                                WorkItem w = ws.workItems().update(WorkItemUpdate.builder(cur.id().toString(),
                                        cur.version()).title("u" + step).build());
                                model.put(w.id(), w);
                            }
                        }
                        case 5 -> top.cut();
                        case 6 -> top.restore();
                        case 7 -> lower.cut();
                        case 8 -> {
                            lower.restore();
                            chain.sync();
                        }
                        case 9 -> top.failNextCommit();
                        default -> throw new IllegalStateException();
                    }
                } catch (StorageUnavailableException e) {
                    // both layers down: nothing acknowledged, nothing to model
                    assertThat(e.getMessage()).contains("all storage layers are unavailable");
                } catch (NotFoundException | VersionConflictException e) {
                    // the lower layer was itself down while the top acknowledged this item, then the top went down
                    // before the lower layer could be refreshed: it answers from stale data, and says so
                    assertThat(chain.servedBy().stale()).as("ops %s", ops).isTrue();
                }
            }
            top.restore();
            lower.restore();
            chain.sync();
            chain.sync();

            for (WorkItem w : model.values()) {
                assertThat(top.real().workItems().get(w.id())).as("ops %s", ops).contains(w);
            }
            assertThat(ChainFixture.items(top.real())).as("ops %s", ops).hasSameSizeAs(model);
            assertThat(lower.real().outbox().size()).as("ops %s", ops).isZero();
            assertThat(top.real().outbox().size()).isZero();
            assertThat(chain.conflicts()).as("ops %s", ops).isEmpty();
            assertThat(ChainFixture.items(lower.real())).as("ops %s", ops).isEqualTo(ChainFixture.items(top.real()));
        }
    }
}
