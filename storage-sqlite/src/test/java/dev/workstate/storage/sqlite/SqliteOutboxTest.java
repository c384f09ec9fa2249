package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.model.Ids;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxEntry;
import dev.workstate.port.SyncConflict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Outbox entries commit (or roll back) with the change they describe; conflicts keep both sides. */
class SqliteOutboxTest extends FreshSqliteStore {
    @Test
    void appendJoinsTheTransactionAndPendingKeepsOrder() {
        WorkItem a = StoreFixtures.root("A");
        WorkItem b = StoreFixtures.root("B");
        Instant t = StoreFixtures.T0;
        store.inTransaction(() -> {
            Mutation m = new Mutation.InsertWorkItem(a);
            store.apply(m);
            store.outbox().append(m, t);
            store.outbox().append(new Mutation.AppendAudit(StoreFixtures.audit(a, "create")), t.plusMillis(1));
            return null;
        });
        assertThatThrownBy(() -> store.inTransaction(() -> {
            Mutation m = new Mutation.InsertWorkItem(b);
            store.apply(m);
            store.outbox().append(m, t);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.workItems().get(b.id())).isEmpty();
        assertThat(store.outbox().size()).isEqualTo(2);
        var pending = store.outbox().pending(10);
        assertThat(pending).extracting(OutboxEntry::mutation).first().isEqualTo(new Mutation.InsertWorkItem(a));
        assertThat(pending.get(0).seq()).isLessThan(pending.get(1).seq());
        assertThat(pending.get(1).queuedAt()).isEqualTo(t.plusMillis(1));
        store.outbox().remove(pending.get(0).seq());
        assertThat(store.outbox().pending(10)).hasSize(1);
        assertThat(store.status().pendingOutbox()).isEqualTo(1);
    }

    @Test
    void conflictsAreRecordedListedAndRemoved() {
        WorkItem a = StoreFixtures.root("A");
        SyncConflict c = new SyncConflict(Ids.newId(), "work_item", a.id().toString(), 1, 3, StoreFixtures.T0,
                "{\"mine\":1}", "{\"theirs\":3}", new Mutation.UpdateWorkItem(a.toBuilder().version(2).build(), 1));
        store.outbox().recordConflict(c);
        assertThat(store.outbox().conflicts()).containsExactly(c);
        assertThat(store.outbox().conflict(c.id())).contains(c);
        assertThat(store.status().openConflicts()).isEqualTo(1);
        store.outbox().removeConflict(c.id());
        assertThat(store.outbox().conflicts()).isEmpty();
        assertThat(store.outbox().conflict(c.id())).isEmpty();
    }

    @Test
    void theLastSyncTimeIsEmptyUntilRecordedAndThenTheLatest() {
        assertThat(store.outbox().lastSyncAt()).isEmpty();
        store.outbox().recordSync(StoreFixtures.T0);
        store.outbox().recordSync(StoreFixtures.T0.plusSeconds(5));
        assertThat(store.outbox().lastSyncAt()).contains(StoreFixtures.T0.plusSeconds(5));
    }
}
