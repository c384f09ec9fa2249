package dev.workstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.port.MirrorJournalPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import dev.workstate.service.WorkItemUpdate;
import dev.workstate.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SQLite layer's mirror journal: a write acknowledged by the top is one journal entry in the lower file before the
 * write returns, and is in the lower layer's tables before that layer serves anything, after a crash of the writing
 * process included. Folding never regresses a record and never duplicates an audit event. The chains here fold only
 * on demand (a fold delay of an hour), so each test sees the journal exactly as the write left it.
 */
class ChainMirrorJournalTest extends ChainTestBase {

    private ChainStore journaling() {
        return closeLater(twoSqliteLayers(chain().foldDelay(Duration.ofHours(1))));
    }

    private static MirrorJournalPort journalOf(SwitchableStore s) {
        return s.real().mirrorJournal().orElseThrow();
    }

    @Test
    void aMirroredWriteIsOneJournalEntryBelowAndServedFromThereOnceTheTopDies() {
        ChainStore chain = journaling();
        Workstate ws = over(chain);
        WorkItem created = ws.workItems().create(Fixtures.item("task", "T"));
        WorkItem updated = ws.workItems().update(WorkItemUpdate.builder(created.id().toString(), created.version())
                .status("blocked").build());

        // in the lower file, as two entries (one per transaction), not yet in its tables
        assertThat(journalOf(lower).size()).isEqualTo(2);
        assertThat(journalOf(lower).pending(10)).extracting(e -> e.mutations().size()).containsExactly(2, 2);
        assertThat(lower.real().workItems().get(created.id())).isEmpty();
        assertThat(chain.status().layers().get(1).journaled()).isEqualTo(2);
        assertThat(ws.workItems().get(created.id().toString())).isEqualTo(updated);
        assertThat(chain.servedBy().layer()).isEqualTo("top");

        top.cut();
        assertThat(ws.workItems().get(created.id().toString())).isEqualTo(updated);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(journalOf(lower).size()).isZero();
        assertThat(lower.real().audit().history(EntityType.WORK_ITEM, created.id().toString())).hasSize(2);
        assertThat(chain.status().layers().get(1).journaled()).isZero();

        top.restore();
        chain.sync();
        assertThat(ChainFixture.snapshot(lower.real())).isEqualTo(ChainFixture.snapshot(top.real()));
    }

    @Test
    void aWriteTheLowerLayerTakesFoldsTheJournalFirst() {
        ChainStore chain = journaling();
        Workstate ws = over(chain);
        WorkItem w = ws.workItems().create(Fixtures.item("task", "T"));
        WorkItem v2 = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), 1L).title("T2").build());

        top.cut();
        // based on the version the top acknowledged: the lower layer has it by the time the update is checked
        WorkItem v3 = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), v2.version()).title("T3")
                .build());
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(lower.real().outbox().size()).isEqualTo(2);

        top.restore();
        assertThat(chain.sync().conflicts()).isZero();
        assertThat(top.real().workItems().get(w.id())).contains(v3);
    }

    @Test
    void entriesACrashedProcessLeftAreFoldedWhenTheNextChainOpens() {
        Store topFile = sqlite("top.db");
        Store lowerFile = sqlite("lower.db");
        ChainStore first = chain().foldDelay(Duration.ofHours(1)).layer("top", () -> topFile)
                .layer("sqlite", () -> lowerFile).build();
        Workstate ws = over(first);
        WorkItem w = ws.workItems().create(Fixtures.item("task", "T"));
        WorkItem v2 = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), 1L).title("T2").build());
        assertThat(lowerFile.mirrorJournal().orElseThrow().size()).isEqualTo(2);
        // the process dies: its stores go away without the chain's close, which would have folded
        topFile.close();
        lowerFile.close();
        closeLater(first);

        Store lowerAgain = closeLater(sqlite("lower.db"));
        ChainStore second = closeLater(chain().layer("top", () -> sqlite("top.db")).layer("sqlite", () -> lowerAgain)
                .build());

        assertThat(lowerAgain.mirrorJournal().orElseThrow().size()).isZero();
        assertThat(lowerAgain.workItems().get(w.id())).contains(v2);
        assertThat(ChainFixture.snapshot(lowerAgain)).isEqualTo(ChainFixture.snapshot(second.layerStore("top")
                .orElseThrow()));
    }

    @Test
    void foldingWithTheTopDownPutsEachRecordUnlessTheLowerLayerHoldsANewerOne() {
        ChainStore chain = journaling();
        Workstate ws = over(chain);
        WorkItem a = ws.workItems().create(Fixtures.item("task", "A"));
        WorkItem b = ws.workItems().create(Fixtures.item("task", "B"));
        chain.flushMirrors();
        // a: the lower copy missed version 2, the journal holds version 3 (its update expects 2)
        WorkItem a3 = a.toBuilder().title("A3").version(3).build();
        // b: the lower copy is already at version 4, the journal holds an older version 2
        WorkItem b4 = b.toBuilder().title("B4").version(4).build();
        lower.real().apply(new Mutation.UpdateWorkItem(b4, 1));
        AuditEvent aEvent = event(a3);
        journalOf(lower).append(List.of(new Mutation.UpdateWorkItem(a3, 2), new Mutation.AppendAudit(aEvent)));
        journalOf(lower).append(List.of(new Mutation.UpdateWorkItem(b.toBuilder().title("B2").version(2).build(), 1)));
        // the same entry twice (two processes that both journaled it): one event
        journalOf(lower).append(List.of(new Mutation.AppendAudit(aEvent)));

        top.cut();
        assertThat(ws.workItems().get(a.id().toString())).isEqualTo(a3);
        assertThat(chain.servedBy().layer()).isEqualTo("sqlite");
        assertThat(ws.workItems().get(b.id().toString())).isEqualTo(b4);
        assertThat(lower.real().audit().history(EntityType.WORK_ITEM, a.id().toString()))
                .extracting(AuditEvent::id).containsOnlyOnce(aEvent.id());
        assertThat(journalOf(lower).size()).isZero();
    }

    @Test
    void anEntryThatCannotBeFoldedIsDroppedWithoutHoldingUpTheRest() {
        ChainStore chain = journaling();
        Workstate ws = over(chain);
        WorkItem w = ws.workItems().create(Fixtures.item("task", "T"));
        // a child whose parent neither layer has: its insert cannot be applied below
        WorkItem orphan = WorkItem.builder().id(UUID.randomUUID()).itemType(w.itemType()).title("orphan")
                .parentId(UUID.randomUUID()).path("/x/y").depth(1).createdAt(w.createdAt()).updatedAt(w.updatedAt())
                .createdBy("t").updatedBy("t").build();
        journalOf(lower).append(List.of(new Mutation.InsertWorkItem(orphan)));
        WorkItem v2 = ws.workItems().update(WorkItemUpdate.builder(w.id().toString(), 1L).title("T2").build());

        chain.flushMirrors();

        assertThat(journalOf(lower).size()).isZero();
        assertThat(lower.real().workItems().get(orphan.id())).isEmpty();
        assertThat(lower.real().workItems().get(w.id())).contains(v2);
    }

    private static AuditEvent event(WorkItem after) {
        return new AuditEvent(UUID.randomUUID(), EntityType.WORK_ITEM, after.id().toString(), "update", "t",
                Instant.parse("2026-11-26T00:00:00Z"), null, "{}");
    }
}
