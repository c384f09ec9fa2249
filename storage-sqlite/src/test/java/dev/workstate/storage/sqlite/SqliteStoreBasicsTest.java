package dev.workstate.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import dev.workstate.port.WorkItemFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliteStoreBasicsTest extends FreshSqliteStore {
    @Test
    void insertGetRoundTripsEveryField() {
        WorkItem root = StoreFixtures.root("Root");
        WorkItem full = StoreFixtures.child(root, "Child").toBuilder().description("desc").branchName("b")
                .commitHash("a".repeat(40)).prNumber(7).metadata(Map.of("estimated_hours", 2.5, "n", 3L))
                .deletedAt(StoreFixtures.T0.plusMillis(1)).archivedAt(StoreFixtures.T0.plusMillis(2))
                .claimedBy("agent").claimExpiresAt(StoreFixtures.T0.plusSeconds(60)).build();
        store.inTransaction(() -> {
            store.apply(new Mutation.InsertWorkItem(root));
            store.apply(new Mutation.InsertWorkItem(full));
            store.apply(new Mutation.AppendAudit(StoreFixtures.audit(root, "create")));
            return null;
        });
        assertThat(store.workItems().get(full.id())).contains(full);
        assertThat(store.workItems().get(root.id())).contains(root);
        assertThat(store.workItems().count()).isEqualTo(2);
        assertThat(store.audit().history(EntityType.WORK_ITEM, root.id().toString())).hasSize(1);
        assertThat(store.configuration().get().version()).isEqualTo(1);
    }

    @Test
    void duplicateIdAndMissingParent() {
        WorkItem root = StoreFixtures.root("Root");
        store.apply(new Mutation.InsertWorkItem(root));
        assertThatThrownBy(() -> store.apply(new Mutation.InsertWorkItem(root)))
                .isInstanceOf(DuplicateException.class);
        WorkItem orphan = StoreFixtures.child(StoreFixtures.root("ghost"), "orphan");
        assertThatThrownBy(() -> store.apply(new Mutation.InsertWorkItem(orphan)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(orphan.parentId().toString());
    }

    @Test
    void versionedUpdateIsCompareAndSet() {
        WorkItem root = StoreFixtures.root("Root");
        store.apply(new Mutation.InsertWorkItem(root));
        WorkItem v2 = root.toBuilder().version(2).title("v2").updatedBy("alice").build();
        store.apply(new Mutation.UpdateWorkItem(v2, 1));
        WorkItem stale = root.toBuilder().version(2).title("stale").build();
        assertThatThrownBy(() -> store.apply(new Mutation.UpdateWorkItem(stale, 1)))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.currentVersion()).isEqualTo(2);
                    assertThat(e.details()).containsEntry("last_updated_by", "alice")
                            .containsEntry("entity_type", "WorkItem");
                    assertThat(e.current()).isEqualTo(v2);
                });
        WorkItem ghost = StoreFixtures.root("ghost");
        assertThatThrownBy(() -> store.apply(new Mutation.UpdateWorkItem(ghost, 1)))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.workItems().get(root.id()).orElseThrow().title()).isEqualTo("v2");
    }

    @Test
    void descendantsMoveAndClaims() {
        WorkItem a = StoreFixtures.root("A");
        WorkItem b = StoreFixtures.child(a, "B");
        WorkItem c = StoreFixtures.child(b, "C");
        WorkItem other = StoreFixtures.root("Other");
        for (WorkItem w : List.of(a, b, c, other)) {
            store.apply(new Mutation.InsertWorkItem(w));
        }
        assertThat(store.workItems().descendants(a.path(), 5, false, false)).extracting(WorkItem::id)
                .containsExactly(b.id(), c.id());
        assertThat(store.workItems().descendants(a.path(), 1, false, false)).extracting(WorkItem::id)
                .containsExactly(b.id());
        // Move B under Other.
        WorkItem movedB = b.toBuilder().version(2).parentId(other.id()).path(other.path() + "/" + b.id()).build();
        store.inTransaction(() -> {
            store.apply(new Mutation.UpdateWorkItem(movedB, 1));
            store.apply(new Mutation.MoveSubtree(b.id(), b.path(), movedB.path(), 0));
            return null;
        });
        WorkItem movedC = store.workItems().get(c.id()).orElseThrow();
        assertThat(movedC.path()).isEqualTo(movedB.path() + "/" + c.id());
        assertThat(movedC.version()).isEqualTo(1);
        assertThat(store.workItems().descendants(a.path(), 5, false, false)).isEmpty();
        assertThat(store.workItems().descendants(other.path(), 5, false, false)).hasSize(2);

        var now = StoreFixtures.T0;
        assertThat(store.apply(new Mutation.ClaimWorkItem(a.id(), "x", now.plusSeconds(60), now))).isTrue();
        assertThat(store.apply(new Mutation.ClaimWorkItem(a.id(), "y", now.plusSeconds(60), now))).isFalse();
        assertThat(store.apply(new Mutation.ClaimWorkItem(a.id(), "x", now.plusSeconds(90), now))).isTrue();
        assertThat(store.apply(new Mutation.ClaimWorkItem(a.id(), "y", now.plusSeconds(200),
                now.plus(Duration.ofSeconds(90))))).isTrue();
        assertThat(store.apply(new Mutation.ReleaseClaim(a.id(), "x"))).isFalse();
        assertThat(store.apply(new Mutation.ReleaseClaim(a.id(), "y"))).isTrue();
        assertThat(store.workItems().get(a.id()).orElseThrow().claimedBy()).isNull();
    }

    @Test
    void listFiltersSearchAndPaging() {
        WorkItem a = StoreFixtures.root("Alpha search engine").toBuilder().updatedAt(StoreFixtures.T0.plusSeconds(1)).build();
        WorkItem b = StoreFixtures.child(a, "Beta").toBuilder().description("the engine room")
                .updatedAt(StoreFixtures.T0.plusSeconds(2)).build();
        WorkItem c = StoreFixtures.child(a, "Gamma").toBuilder().status(WorkItemStatus.COMPLETED)
                .metadata(Map.of("blocked_reason", "waiting on Engine vendor"))
                .updatedAt(StoreFixtures.T0.plusSeconds(3)).build();
        for (WorkItem w : List.of(a, b, c)) {
            store.apply(new Mutation.InsertWorkItem(w));
        }
        var all = store.workItems().list(WorkItemFilter.allLive(StoreFixtures.T0));
        assertThat(all.items()).extracting(WorkItem::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(all.totalCount()).isEqualTo(3);
        var page = store.workItems().list(new WorkItemFilter(null, null, null, false, false, null, false, false, null,
                StoreFixtures.T0, 2, 0));
        assertThat(page.items()).hasSize(2);
        assertThat(page.totalCount()).isEqualTo(3);
        assertThat(page.hasMore()).isTrue();
        var search = store.workItems().list(new WorkItemFilter(null, null, null, false, false, "ENGINE", false, false,
                null, StoreFixtures.T0, 10, 0));
        assertThat(search.items()).extracting(WorkItem::id).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        var two = store.workItems().list(new WorkItemFilter(null, null, null, false, false, "engine vendor", false,
                false, null, StoreFixtures.T0, 10, 0));
        assertThat(two.items()).extracting(WorkItem::id).containsExactly(c.id());
        var partial = store.workItems().list(new WorkItemFilter(null, null, null, false, false, "engin", false,
                false, null, StoreFixtures.T0, 10, 0));
        assertThat(partial.items()).isEmpty();
        var roots = store.workItems().list(new WorkItemFilter(null, null, null, true, false, null, false, false,
                null, StoreFixtures.T0, 10, 0));
        assertThat(roots.items()).extracting(WorkItem::id).containsExactly(a.id());
        var children = store.workItems().list(new WorkItemFilter(null, WorkItemStatus.ACTIVE, a.id(), false, false,
                null, false, false, null, StoreFixtures.T0, 10, 0));
        assertThat(children.items()).extracting(WorkItem::id).containsExactly(b.id());
    }
}
