package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.Workstate;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.WorkItem;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.SyncConflict;
import dev.workstate.service.SyncReport;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.Fixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Outages of the top layer of a two-SQLite chain (top = one file behind a fault switch, lower = another file): writes
 * during the outage, a cut in the middle of a transaction, a crash in the middle of replay, and conflicts.
 */
class ChainOutageReplayTest extends ChainTestBase {
    ChainStore open(ChainStore.ReplayHook hook) {
        ChainStore.Builder b = chain();
        if (hook != null) {
            b.replayHook(hook);
        }
        return closeLater(twoSqliteLayers(b));
    }

    @Test
    void writesDuringAnOutageAreAcknowledgedByTheLowerLayerAndReplayedWithoutLoss() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem project = ws.workItems().create(Fixtures.item("project", "P"));
        assertThat(chain.servedBy().layer()).isEqualTo("top");

        top.cut();
        List<WorkItem> acknowledged = new ArrayList<>();
        WorkItem task = ws.workItems().create(Fixtures.child("task", "during outage", project.id()));
        assertThat(chain.servedBy()).satisfies(s -> {
            assertThat(s.layer()).isEqualTo("sqlite");
            assertThat(s.stale()).isTrue();
            assertThat(s.warning()).isEqualTo("top unavailable; served by sqlite (may be stale)");
        });
        acknowledged.add(task);
        acknowledged.add(ws.workItems().update(WorkItemUpdate.builder(project.id().toString(), project.version())
                .title("P renamed").build()));
        for (int i = 0; i < 20; i++) {
            acknowledged.add(ws.workItems().create(Fixtures.child("task", "t" + i, project.id())));
        }
        ws.workItems().link(task.id().toString(), acknowledged.get(2).id().toString(), "blocks", null, false);
        assertThat(ws.workItems().get(task.id().toString())).isEqualTo(task);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        StorageStatus during = chain.status();
        assertThat(during.primary()).isEqualTo("sqlite");
        assertThat(during.layers().get(0).healthy()).isFalse();
        assertThat(during.layers().get(0).reason()).isEqualTo("top unavailable: connection refused");
        assertThat(during.layers().get(1).pendingOutbox()).isPositive();

        top.restore();
        SyncReport report = chain.sync();
        assertThat(report.conflicts()).isZero();
        assertThat(report.remaining()).isZero();
        assertThat(report.replayed()).isEqualTo(during.layers().get(1).pendingOutbox());
        for (WorkItem w : acknowledged) {
            assertThat(top.real().workItems().get(w.id())).contains(w);
        }
        assertThat(ChainFixture.snapshot(top.real())).isEqualTo(ChainFixture.snapshot(lower.real()));
        assertThat(lower.real().outbox().size()).isZero();
        assertThat(chain.status().primary()).isEqualTo("top");
        assertThat(chain.status().lastSyncAt()).isNotNull();
        ws.workItems().get(task.id().toString());
        assertThat(chain.servedBy()).satisfies(s -> assertThat(s.stale()).isFalse());
    }

    @Test
    void aCutInTheMiddleOfATransactionLeavesNothingHalfWrittenAndTheWriteLandsBelow() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem a = ws.workItems().create(Fixtures.item("task", "a"));
        long topAudit = top.real().audit().count();

        top.failNextCommit();
        WorkItem b = ws.workItems().create(Fixtures.item("task", "b"));

        assertThat(top.real().workItems().get(b.id())).isEmpty();
        assertThat(top.real().audit().count()).isEqualTo(topAudit);
        assertThat(lower.real().workItems().get(b.id())).contains(b);
        assertThat(lower.real().outbox().size()).isEqualTo(2);

        chain.sync();
        assertThat(top.real().workItems().get(b.id())).contains(b);
        assertThat(top.real().workItems().get(a.id())).contains(a);
        assertThat(ChainFixture.snapshot(top.real())).isEqualTo(ChainFixture.snapshot(lower.real()));
    }

    @Test
    void aCrashBetweenTheHigherCommitAndTheOutboxRemovalLosesNothingAndDuplicatesNothing() {
        AtomicInteger crashes = new AtomicInteger();
        ChainStore chain = open((from, to, entry) -> {
            // the process dies after the higher layer committed the 3rd entry but before it left the outbox
            if (entry.seq() >= 3 && crashes.getAndIncrement() == 0) {
                throw new IllegalStateException("simulated crash");
            }
        });
        Workstate ws = over(chain);
        WorkItem project = ws.workItems().create(Fixtures.item("project", "P"));
        top.cut();
        WorkItem renamed = ws.workItems().update(WorkItemUpdate.builder(project.id().toString(), 1L)
                .title("renamed").build());
        clock.advance(java.time.Duration.ofSeconds(1));
        WorkItem child = ws.workItems().create(Fixtures.child("task", "child", project.id()));
        clock.advance(java.time.Duration.ofSeconds(1));
        WorkItem child2 = ws.workItems().update(WorkItemUpdate.builder(child.id().toString(), 1L)
                .title("child v2").build());
        long queued = lower.real().outbox().size();
        top.restore();

        assertThatThrownBy(chain::sync).hasMessage("simulated crash");
        assertThat(lower.real().outbox().size()).isBetween(1L, queued - 1);

        SyncReport second = chain.sync();
        assertThat(second.remaining()).isZero();
        assertThat(second.conflicts()).isZero();
        assertThat(top.real().workItems().get(project.id())).contains(renamed);
        assertThat(top.real().workItems().get(child.id())).contains(child2);
        List<AuditEvent> events = top.real().audit().all(1000, 0);
        assertThat(new HashSet<>(events.stream().map(AuditEvent::id).toList())).hasSize(events.size());
        assertThat(events).hasSize(4);
        assertThat(top.real().outbox().conflicts()).isEmpty();
        assertThat(lower.real().outbox().conflicts()).isEmpty();
        assertThat(ChainFixture.snapshot(top.real())).isEqualTo(ChainFixture.snapshot(lower.real()));
    }

    /** Another client talking to the top layer directly, past this chain (it sees no outage). */
    private Workstate anotherClientAtTheTop() {
        return Workstate.over(top.real(), dev.workstate.WorkstateConfig.forDirectory(dir), clock);
    }

    /** A write queued below against version v while another client moved the top to v+1. */
    private SyncConflict conflictScenario(ChainStore chain, Workstate ws, WorkItem item) {
        top.cut();
        ws.workItems().update(WorkItemUpdate.builder(item.id().toString(), 1L).title("mine").build());
        // another client, talking to the top layer directly, changes the same item
        Workstate other = anotherClientAtTheTop();
        other.workItems().update(WorkItemUpdate.builder(item.id().toString(), 1L).title("theirs").build());
        top.restore();

        SyncReport report = chain.sync();
        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(report.remaining()).isZero();
        assertThat(top.real().workItems().get(item.id()).orElseThrow().title()).isEqualTo("theirs");
        List<SyncConflict> conflicts = chain.conflicts();
        assertThat(conflicts).hasSize(1);
        SyncConflict c = conflicts.get(0);
        assertThat(c.entityType()).isEqualTo("work_item");
        assertThat(c.entityId()).isEqualTo(item.id().toString());
        assertThat(c.baseVersion()).isEqualTo(1);
        assertThat(c.theirVersion()).isEqualTo(2);
        assertThat(c.mine()).contains("\"title\":\"mine\"");
        assertThat(c.theirs()).contains("\"title\":\"theirs\"");
        assertThat(chain.status().openConflicts()).isEqualTo(1);
        // the conflicting change's audit event is not replayed as if it had applied
        assertThat(top.real().audit().history(dev.workstate.model.EntityType.WORK_ITEM, item.id().toString()))
                .hasSize(2);
        return c;
    }

    @Test
    void aConflictKeepsBothSidesAndKeepingTheirsRestoresTheTopRecordEverywhere() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem item = ws.workItems().create(Fixtures.item("task", "base"));
        SyncConflict c = conflictScenario(chain, ws, item);

        ws.storage().resolve(c.id().toString(), "theirs");

        assertThat(chain.conflicts()).isEmpty();
        WorkItem theirs = top.real().workItems().get(item.id()).orElseThrow();
        assertThat(theirs.title()).isEqualTo("theirs");
        assertThat(theirs.version()).isEqualTo(2);
        assertThat(lower.real().workItems().get(item.id())).contains(theirs);
        assertThat(ws.workItems().get(item.id().toString())).isEqualTo(theirs);
    }

    @Test
    void keepingMineWritesTheQueuedRecordAsANewVersionWithAResolveEvent() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem item = ws.workItems().create(Fixtures.item("task", "base"));
        SyncConflict c = conflictScenario(chain, ws, item);

        SyncConflict resolved = ws.storage().resolve(c.id().toString(), "mine");

        assertThat(resolved.id()).isEqualTo(c.id());
        assertThat(chain.conflicts()).isEmpty();
        WorkItem now = top.real().workItems().get(item.id()).orElseThrow();
        assertThat(now.title()).isEqualTo("mine");
        assertThat(now.version()).isEqualTo(3);
        assertThat(lower.real().workItems().get(item.id())).contains(now);
        List<AuditEvent> history = top.real().audit().history(dev.workstate.model.EntityType.WORK_ITEM,
                item.id().toString());
        assertThat(history.get(history.size() - 1).operation()).isEqualTo("resolve");
        // the lower layer keeps the audit event of the queued change it took; the top records the resolution instead
        assertThat(ChainFixture.items(lower.real())).isEqualTo(ChainFixture.items(top.real()));
        assertThat(ChainFixture.auditIds(lower.real())).containsAll(ChainFixture.auditIds(top.real()));
    }

    @Test
    void aQueuedUpdateOfAnItemAnotherClientMovedAtTheTopBecomesAConflictInsteadOfWritingTheOldPathBack() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem a = ws.workItems().create(Fixtures.item("project", "A"));
        WorkItem b = ws.workItems().create(Fixtures.item("project", "B"));
        WorkItem mid = ws.workItems().create(Fixtures.child("session", "mid", a.id()));
        WorkItem kid = ws.workItems().create(Fixtures.child("task", "kid", mid.id()));
        top.cut();
        ws.workItems().update(WorkItemUpdate.builder(kid.id().toString(), 1L).title("mine").build());
        // another client moves kid's parent at the top: kid is re-pathed there and keeps its version
        Workstate other = anotherClientAtTheTop();
        other.workItems().update(WorkItemUpdate.builder(mid.id().toString(), 1L).parentId(b.id().toString()).build());
        top.restore();

        SyncReport report = chain.sync();

        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(report.remaining()).isZero();
        WorkItem atTop = top.real().workItems().get(kid.id()).orElseThrow();
        assertThat(atTop.path()).isEqualTo(b.path() + "/" + mid.id() + "/" + kid.id());
        assertThat(atTop.title()).isEqualTo("kid");
        SyncConflict c = chain.conflicts().get(0);
        assertThat(c.entityId()).isEqualTo(kid.id().toString());
        assertThat(c.mine()).contains("\"title\":\"mine\"");
        assertThat(c.theirs()).contains(atTop.path());
        // the queued change's audit event is not replayed as if it had applied
        assertThat(top.real().audit().history(dev.workstate.model.EntityType.WORK_ITEM, kid.id().toString()))
                .hasSize(1);

        // keeping mine keeps its content at the place its parent has now, not the path it was queued with
        ws.storage().resolve(c.id().toString(), "mine");
        WorkItem kept = top.real().workItems().get(kid.id()).orElseThrow();
        assertThat(kept.title()).isEqualTo("mine");
        assertThat(kept.path()).isEqualTo(atTop.path());
        assertThat(kept.depth()).isEqualTo(2);
        assertThat(kept.version()).isEqualTo(2);
        assertThat(chain.conflicts()).isEmpty();
        assertThat(lower.real().workItems().get(kid.id())).contains(kept);
    }

    @Test
    void aQueuedMoveOrCreateUnderAParentAnotherClientMovedAtTheTopBecomesAConflictAndMineLandsUnderItsNewPlace() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem a = ws.workItems().create(Fixtures.item("project", "A"));
        WorkItem b = ws.workItems().create(Fixtures.item("project", "B"));
        WorkItem x = ws.workItems().create(Fixtures.child("session", "X", a.id()));
        WorkItem loose = ws.workItems().create(Fixtures.item("session", "loose"));
        top.cut();
        // below: a move of "loose" under X and a new task under X, both with paths under X's place at the time
        WorkItem moved = ws.workItems().update(WorkItemUpdate.builder(loose.id().toString(), 1L)
                .parentId(x.id().toString()).build());
        WorkItem created = ws.workItems().create(Fixtures.child("task", "new under X", x.id()));
        assertThat(moved.path()).isEqualTo(x.path() + "/" + loose.id());
        // another client moves X at the top
        Workstate other = anotherClientAtTheTop();
        WorkItem xThere = other.workItems().update(WorkItemUpdate.builder(x.id().toString(), 1L)
                .parentId(b.id().toString()).build());
        top.restore();

        SyncReport report = chain.sync();

        assertThat(report.conflicts()).isEqualTo(2);
        assertThat(report.remaining()).isZero();
        assertThat(top.real().workItems().get(loose.id()).orElseThrow().path()).isEqualTo("/" + loose.id());
        assertThat(top.real().workItems().get(created.id())).isEmpty();
        assertThat(chain.conflicts()).extracting(SyncConflict::theirs)
                .anySatisfy(t -> assertThat(t).contains(xThere.path() + "/" + created.id()));

        for (SyncConflict c : chain.conflicts()) {
            ws.storage().resolve(c.id().toString(), "mine");
        }
        WorkItem movedThere = top.real().workItems().get(loose.id()).orElseThrow();
        assertThat(movedThere.parentId()).isEqualTo(x.id());
        assertThat(movedThere.path()).isEqualTo(xThere.path() + "/" + loose.id());
        assertThat(movedThere.depth()).isEqualTo(2);
        WorkItem createdThere = top.real().workItems().get(created.id()).orElseThrow();
        assertThat(createdThere.path()).isEqualTo(xThere.path() + "/" + created.id());
        assertThat(createdThere.title()).isEqualTo("new under X");
        assertThat(chain.conflicts()).isEmpty();
        assertThat(ChainFixture.items(lower.real())).isEqualTo(ChainFixture.items(top.real()));
    }

    @Test
    void keepingMineIsRefusedWhenTheParentsPlaceThereIsTooDeepAndTheConflictStaysOpen() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem x = ws.workItems().create(Fixtures.item("session", "X"));
        WorkItem deep = ws.workItems().create(Fixtures.item("project", "level 0"));
        for (int level = 1; level <= 3; level++) {
            deep = ws.workItems().create(Fixtures.child("session", "level " + level, deep.id()));
        }
        top.cut();
        WorkItem created = ws.workItems().create(Fixtures.child("task", "under X", x.id()));
        // another client moves X (a leaf there) under a depth-4 item: X is at depth 5, the queued task would be at 6
        Workstate other = anotherClientAtTheTop();
        WorkItem level4 = other.workItems().create(Fixtures.child("session", "level 4", deep.id()));
        other.workItems().update(WorkItemUpdate.builder(x.id().toString(), 1L).parentId(level4.id().toString())
                .build());
        top.restore();
        assertThat(chain.sync().conflicts()).isEqualTo(1);
        SyncConflict c = chain.conflicts().get(0);
        long audit = top.real().audit().count();

        assertThatThrownBy(() -> ws.storage().resolve(c.id().toString(), "mine"))
                .isInstanceOfSatisfying(dev.workstate.error.ValidationException.class, e -> assertThat(e.getMessage())
                        .contains("depth 6").contains("maximum 5").doesNotContain("/"));

        assertThat(top.real().workItems().get(created.id())).isEmpty();
        assertThat(top.real().audit().count()).isEqualTo(audit);
        assertThat(chain.conflicts()).extracting(SyncConflict::id).containsExactly(c.id());
        ws.storage().resolve(c.id().toString(), "theirs");
        assertThat(chain.conflicts()).isEmpty();
    }

    @Test
    void openingAChainRefreshesALowerLayerThatMissedWrites() {
        ChainStore chain = open(null);
        Workstate ws = over(chain);
        WorkItem a = ws.workItems().create(Fixtures.item("project", "a"));
        chain.close();
        // the top layer takes writes on its own (e.g. another machine's chain without this lower layer)
        var topAgain = sqlite("top.db");
        Workstate solo = over(topAgain);
        WorkItem b = solo.workItems().create(Fixtures.child("task", "b", a.id()));
        solo.workItems().update(WorkItemUpdate.builder(a.id().toString(), 1L).title("a2").build());
        topAgain.close();

        var lowerStore = sqlite("lower.db");
        closeLater(chain().layer("top", () -> sqlite("top.db")).layer("sqlite", () -> lowerStore).build());
        assertThat(lowerStore.workItems().get(b.id())).contains(b);
        assertThat(lowerStore.workItems().get(a.id()).orElseThrow().title()).isEqualTo("a2");
    }
}
