package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The write-through mirror copies a commit's own mutations into the layer below (SQLite: into its journal, folded into
 * its tables later; {@code flushMirrors} folds now, before a test reads a layer directly): a fallback read sees every
 * acknowledged write even when the top dies the moment it committed, a lower copy that is not where the top was is
 * repaired from the top instead of being overwritten blindly, and concurrent writers never leave the mirror behind. An
 * update whose top commit fails is taken by the lower layer exactly once.
 */
class ChainWriteThroughTest extends ChainTestBase {

    @Test
    void topDyingRightAfterItsCommitLeavesEveryAcknowledgedWriteReadableBelow() {
        ChainStore chain = twoSqliteLayers();
        Workstate ws = over(chain);
        WorkItem project = ws.workItems().create(Fixtures.item("project", "P"));

        top.cutAfterNextCommit();
        WorkItem updated = ws.workItems().update(WorkItemUpdate.builder(project.id().toString(), project.version())
                .title("P renamed").build());
        assertThat(chain.servedBy().layer()).isEqualTo("top");

        assertThat(ws.workItems().get(project.id().toString())).isEqualTo(updated);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");

        top.restore();
        chain.sync();
        top.cutAfterNextCommit();
        WorkItem created = ws.workItems().create(Fixtures.child("task", "made just before the cut", project.id()));
        assertThat(chain.servedBy().layer()).isEqualTo("top");
        assertThat(ws.workItems().get(created.id().toString())).isEqualTo(created);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(lower.real().outbox().size()).isZero();

        top.restore();
        chain.sync();
        assertThat(ChainFixture.snapshot(lower.real())).isEqualTo(ChainFixture.snapshot(top.real()));
    }

    @Test
    void aLowerCopyThatIsNotWhereTheTopWasIsRepairedFromTheTop() {
        ChainStore chain = twoSqliteLayers();
        Workstate ws = over(chain);
        WorkItem w = ws.workItems().create(Fixtures.item("task", "T"));
        chain.flushMirrors();
        // the lower copy moved on by itself (e.g. a write another process made there): the next mirror's
        // compare-and-set on version 1 misses it
        lower.real().apply(new Mutation.UpdateWorkItem(w.toBuilder().title("diverged").version(2).build(), 1));

        WorkItem updated = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), w.version())
                .title("T2").build());

        chain.flushMirrors();
        assertThat(lower.real().workItems().get(w.id())).contains(updated);

        // an insert whose id the lower layer already holds with other content
        WorkItem lowerOnly = over(lower.real()).workItems().create(Fixtures.item("task", "lower only"));
        WorkItem fromTop = lowerOnly.toBuilder().title("from the top").build();
        chain.apply(new Mutation.InsertWorkItem(fromTop));
        chain.flushMirrors();

        assertThat(top.real().workItems().get(fromTop.id())).contains(fromTop);
        assertThat(lower.real().workItems().get(fromTop.id())).contains(fromTop);
        assertThat(ChainFixture.items(lower.real())).isEqualTo(ChainFixture.items(top.real()));
    }

    @Test
    void concurrentWritersOnOneItemNeverLeaveTheMirrorBehind() throws Exception {
        ChainStore chain = twoSqliteLayers();
        Workstate ws = over(chain);
        String id = ws.workItems().create(Fixtures.item("task", "contended")).id().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 15; ) {
                        long version = ws.workItems().get(id).version();
                        try {
                            ws.workItems().update(WorkItemUpdate.builder(id, version).title("w" + writer + "-" + i)
                                    .build());
                            i++;
                        } catch (VersionConflictException e) {
                            // another writer was first: re-read and try again
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        chain.flushMirrors();
        WorkItem inTop = top.real().workItems().get(java.util.UUID.fromString(id)).orElseThrow();
        assertThat(inTop.version()).isEqualTo(61);
        assertThat(lower.real().workItems().get(inTop.id())).contains(inTop);
        assertThat(ChainFixture.snapshot(lower.real())).isEqualTo(ChainFixture.snapshot(top.real()));
    }

    @Test
    void anUpdateWhoseTopCommitFailsIsNotInTheLowerLayerUntilTheLowerLayerTakesIt() {
        ChainStore chain = twoSqliteLayers();
        Workstate ws = over(chain);
        WorkItem w = ws.workItems().create(Fixtures.item("task", "T"));
        chain.flushMirrors();
        long lowerAudit = lower.real().audit().count();

        // the top's commit fails after its statements ran: nothing was mirrored, the lower layer takes the update as
        // the primary (outbox), once
        top.failNextCommit();
        WorkItem updated = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), w.version())
                .title("T2").build());

        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(updated.version()).isEqualTo(2);
        assertThat(top.real().workItems().get(w.id())).contains(w);
        assertThat(lower.real().workItems().get(w.id())).contains(updated);
        assertThat(lower.real().audit().count()).isEqualTo(lowerAudit + 1);
        assertThat(lower.real().outbox().size()).isEqualTo(2);

        chain.sync();
        assertThat(top.real().workItems().get(w.id())).contains(updated);
        assertThat(ChainFixture.snapshot(lower.real())).isEqualTo(ChainFixture.snapshot(top.real()));
    }
}
