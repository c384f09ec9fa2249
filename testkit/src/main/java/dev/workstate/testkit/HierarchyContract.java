package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.workstate.error.ErrorCode;
import dev.workstate.error.VersionConflictException;
import dev.workstate.error.WorkstateException;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.port.Mutation;
import dev.workstate.port.StalePathException;
import dev.workstate.service.WorkItemView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Contract of the work-item hierarchy: materialised paths and depths, ancestors and descendants (reference scenario 7),
 * {@code max_depth}, re-parenting of whole subtrees in one transaction, and the rejections (cycle, depth, missing,
 * deleted or archived parent). A concurrent test checks that moves and creates never leave a stale path.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class HierarchyContract extends WorkItemSupport {

    /** The reference's five-level chain, depths 0..4. */
    protected List<WorkItem> chain() {
        WorkItem p = create("project", "Feature 001: Semantic Code Search");
        WorkItem s = child("session", "Implementation Session 2025-01-15", p);
        WorkItem t = child("task", "Implement tree-sitter AST parsing", s);
        WorkItem st1 = child("task", "Write unit tests for parser", t);
        WorkItem leaf = child("task", "Test edge cases for nested functions", st1);
        return List.of(p, s, t, st1, leaf);
    }

    @Test
    void scenario7FiveLevelChain() {
        List<WorkItem> c = chain();
        WorkItem p = c.get(0);
        WorkItem leaf = c.get(4);
        for (int i = 0; i < c.size(); i++) {
            WorkItem w = reload(c.get(i));
            assertThat(w.depth()).isEqualTo(i);
            assertThat(w.parentId()).isEqualTo(i == 0 ? null : c.get(i - 1).id());
            assertThat(w.path()).isEqualTo(i == 0 ? "/" + w.id() : c.get(i - 1).path() + "/" + w.id());
        }
        assertThat(leaf.path()).isEqualTo("/" + p.id() + "/" + c.get(1).id() + "/" + c.get(2).id() + "/"
                + c.get(3).id() + "/" + leaf.id());

        WorkItemView leafView = items().query(leaf.id().toString(), true, true, null, false);
        assertThat(leafView.item()).isEqualTo(leaf);
        assertThat(leafView.ancestors()).extracting(WorkItemSummary::id)
                .containsExactly(c.get(0).id(), c.get(1).id(), c.get(2).id(), c.get(3).id());
        assertThat(leafView.ancestors()).extracting(WorkItemSummary::depth).containsExactly(0, 1, 2, 3);
        assertThat(leafView.descendants()).isEmpty();

        WorkItemView rootView = items().query(p.id().toString(), true, true, null, false);
        assertThat(rootView.ancestors()).isEmpty();
        assertThat(rootView.descendants()).extracting(WorkItemSummary::depth).containsExactly(1, 2, 3, 4);
        assertThat(rootView.descendants()).extracting(WorkItemSummary::title).containsExactly(
                "Implementation Session 2025-01-15", "Implement tree-sitter AST parsing",
                "Write unit tests for parser", "Test edge cases for nested functions");

        WorkItemView middle = items().query(c.get(2).id().toString(), true, true, null, false);
        assertThat(middle.ancestors()).extracting(WorkItemSummary::id).containsExactly(p.id(), c.get(1).id());
        assertThat(middle.descendants()).extracting(WorkItemSummary::id).containsExactly(c.get(3).id(), leaf.id());

        WorkItemView flat = items().query(leaf.id().toString(), false, false, null, false);
        assertThat(flat.item()).isEqualTo(leaf);
        assertThat(flat.ancestors()).isNull();
        assertThat(flat.descendants()).isNull();
        assertThat(flat.dependencies()).isNull();
    }

    @Test
    void descendantsAreOrderedByDepthThenPathAndHonourMaxDepth() {
        WorkItem root = create("project", "root");
        List<WorkItem> level1 = new ArrayList<>();
        List<WorkItem> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WorkItem a = child("session", "s" + i, root);
            level1.add(a);
            all.add(a);
            for (int j = 0; j < 2; j++) {
                WorkItem b = child("task", "t" + i + j, a);
                all.add(b);
                all.add(child("task", "u" + i + j, b));
            }
        }
        List<UUID> expected = all.stream()
                .sorted(java.util.Comparator.comparingInt(WorkItem::depth).thenComparing(WorkItem::path))
                .map(WorkItem::id).toList();
        assertThat(items().query(root.id().toString(), true, false, null, false).descendants())
                .extracting(WorkItemSummary::id).containsExactlyElementsOf(expected);
        assertThat(items().query(root.id().toString(), true, false, 1, false).descendants())
                .extracting(WorkItemSummary::id).containsExactlyElementsOf(level1.stream().map(WorkItem::id).toList());
        assertThat(items().query(root.id().toString(), true, false, 2, false).descendants()).hasSize(9)
                .allSatisfy(s -> assertThat(s.depth()).isBetween(1, 2));
        assertThat(items().query(level1.get(0).id().toString(), true, false, 1, false).descendants())
                .extracting(WorkItemSummary::depth).containsExactly(2, 2);
        assertThat(items().query(root.id().toString(), true, false, 5, false).descendants()).hasSize(15);
        assertThat(rejectedFields(() -> items().query(root.id().toString(), true, false, 0, false)))
                .containsExactly("max_depth");
        assertThat(rejectedFields(() -> items().query(root.id().toString(), true, false, 6, false)))
                .containsExactly("max_depth");
    }

    @Test
    void depthIsLimitedToFiveAndParentsMustExist() {
        List<WorkItem> levels = new ArrayList<>(chain());
        levels.add(child("task", "depth 5", levels.get(4)));
        assertThat(levels.get(5).depth()).isEqualTo(5);

        long[] before = snapshot();
        assertThat(rejectedFields(() -> child("task", "depth 6", levels.get(5)))).containsExactly("parent_id");
        assertThat(rejectedFields(() -> items().create(Fixtures.child("task", "orphan", UUID.randomUUID()))))
                .containsExactly("parent_id");
        assertThat(rejectedFields(() -> items().create(Fixtures.child("task", "", "nonsense"))))
                .containsExactlyInAnyOrder("parent_id", "title");
        assertUnchanged(before);
    }

    @Test
    void reparentingMovesTheWholeSubtreeInOneChange() {
        List<WorkItem> c = chain();
        WorkItem other = create("project", "Another project");
        WorkItem task = c.get(2);
        long[] before = snapshot();

        WorkItem moved = items().update(Fixtures.update(task.id(), task.version()).parentId(other.id().toString())
                .updatedBy("mover").build());
        assertThat(moved.parentId()).isEqualTo(other.id());
        assertThat(moved.depth()).isEqualTo(1);
        assertThat(moved.path()).isEqualTo(other.path() + "/" + task.id());
        assertThat(moved.version()).isEqualTo(task.version() + 1);
        assertThat(reload(task)).isEqualTo(moved);

        WorkItem st1 = reload(c.get(3));
        WorkItem leaf = reload(c.get(4));
        assertThat(st1.path()).isEqualTo(moved.path() + "/" + st1.id());
        assertThat(st1.depth()).isEqualTo(2);
        assertThat(leaf.path()).isEqualTo(st1.path() + "/" + leaf.id());
        assertThat(leaf.depth()).isEqualTo(3);
        assertThat(st1.version()).as("descendants keep their version").isEqualTo(c.get(3).version());
        assertThat(leaf.version()).isEqualTo(c.get(4).version());
        assertThat(snapshot()).as("one audit event for the move").containsExactly(before[0], before[1] + 1);
        assertThat(items().history(task.id().toString())).last()
                .satisfies(e -> assertThat(e.operation()).isEqualTo("move"));

        assertThat(items().query(c.get(1).id().toString(), true, false, null, false).descendants()).isEmpty();
        assertThat(items().query(other.id().toString(), true, false, null, false).descendants())
                .extracting(WorkItemSummary::id).containsExactly(task.id(), st1.id(), leaf.id());
        assertThat(items().query(leaf.id().toString(), true, false, null, false).ancestors())
                .extracting(WorkItemSummary::id).containsExactly(other.id(), task.id(), st1.id());

        // to the root: an empty parent id
        WorkItem rooted = items().update(Fixtures.update(task.id(), moved.version()).parentId(null).build());
        assertThat(rooted.parentId()).isNull();
        assertThat(rooted.depth()).isZero();
        assertThat(rooted.path()).isEqualTo("/" + task.id());
        assertThat(reload(leaf).path()).isEqualTo("/" + task.id() + "/" + st1.id() + "/" + leaf.id());
        assertThat(reload(leaf).depth()).isEqualTo(2);

        // back under a deep parent; the deepest descendant ends at depth 5 exactly
        WorkItem deep = reload(c.get(1));
        WorkItem d2 = child("task", "d2", deep);
        WorkItem back = items().update(Fixtures.update(task.id(), rooted.version()).parentId(d2.id().toString())
                .build());
        assertThat(back.depth()).isEqualTo(3);
        assertThat(reload(leaf).depth()).isEqualTo(5);
        assertPathsConsistent();
    }

    @Test
    void invalidMovesAreRejectedAndChangeNothing() {
        List<WorkItem> c = chain();
        WorkItem task = c.get(2);
        WorkItem other = create("project", "other");
        WorkItem o1 = child("task", "o1", other);
        WorkItem o2 = child("task", "o2", o1);
        long[] before = snapshot();

        assertThat(moveFails(task, task.id())).containsExactly("parent_id");
        assertThat(moveFails(task, c.get(3).id())).containsExactly("parent_id");
        assertThat(moveFails(task, c.get(4).id())).containsExactly("parent_id");
        assertThat(moveFails(c.get(0), c.get(4).id())).containsExactly("parent_id");
        assertThat(moveFails(task, UUID.randomUUID())).containsExactly("parent_id");
        // task has descendants two levels down: under o2 (depth 2) they would reach depth 5 -> fine; under a
        // depth-3 item they would reach 6 -> rejected
        WorkItem o3 = child("task", "o3", o2);
        long[] withO3 = snapshot();
        assertThat(moveFails(task, o3.id())).containsExactly("parent_id");
        assertThat(withO3[0]).isEqualTo(before[0] + 1);
        assertUnchanged(withO3);
        for (WorkItem w : c) {
            assertThat(reload(w)).isEqualTo(w);
        }
        WorkItem ok = items().update(Fixtures.update(task.id(), task.version()).parentId(o2.id().toString()).build());
        assertThat(reload(c.get(4)).depth()).isEqualTo(5);
        assertThat(ok.depth()).isEqualTo(3);
    }

    private List<String> moveFails(WorkItem item, UUID newParent) {
        WorkItem current = reload(item);
        return rejectedFields(() -> items().update(Fixtures.update(current.id(), current.version())
                .parentId(newParent.toString()).build()));
    }

    @Test
    void deletedAndArchivedItemsInTheHierarchy() {
        List<WorkItem> c = chain();
        WorkItem s = c.get(1);
        WorkItem deletedTask = items().update(Fixtures.update(c.get(2).id(), 1).deletedAt("NOW()").build());
        long[] before = snapshot();
        assertThat(rejectedFields(() -> child("task", "under deleted", deletedTask))).containsExactly("parent_id");
        WorkItem other = create("task", "movable");
        assertThat(rejectedFields(() -> items().update(Fixtures.update(other.id(), 1)
                .parentId(deletedTask.id().toString()).build()))).containsExactly("parent_id");
        assertThat(snapshot()[0]).isEqualTo(before[0] + 1);

        WorkItemView root = items().query(c.get(0).id().toString(), true, false, null, false);
        assertThat(root.descendants()).extracting(WorkItemSummary::id)
                .containsExactly(s.id(), c.get(3).id(), c.get(4).id());
        WorkItemView withDeleted = items().query(c.get(0).id().toString(), true, false, null, true);
        assertThat(withDeleted.descendants()).extracting(WorkItemSummary::id)
                .containsExactly(s.id(), deletedTask.id(), c.get(3).id(), c.get(4).id());
        assertThat(withDeleted.descendants().get(1).deletedAt()).isNotNull();
        assertThat(items().query(c.get(4).id().toString(), true, false, null, false).ancestors())
                .extracting(WorkItemSummary::id).containsExactly(c.get(0).id(), s.id(), c.get(3).id());
        assertThat(items().query(c.get(4).id().toString(), true, false, null, true).ancestors())
                .extracting(WorkItemSummary::id).containsExactly(c.get(0).id(), s.id(), deletedTask.id(),
                        c.get(3).id());

        WorkItem done = items().update(Fixtures.update(other.id(), 1).status("completed").build());
        clock.advance(java.time.Duration.ofDays(2));
        assertThat(items().archive(1, null).archivedIds()).containsExactly(done.id());
        assertThat(rejectedFields(() -> child("task", "under archived", done))).containsExactly("parent_id");
    }

    @Test
    void anUpdateReadBeforeAnAncestorMovedIsRefusedByTheStore() {
        WorkItem a = create("project", "A");
        WorkItem b = create("project", "B");
        WorkItem mid = child("session", "moving", a);
        WorkItem kid = child("task", "kid", mid);
        // moving mid re-paths kid without a new version: the version alone cannot tell the read is stale
        items().update(Fixtures.update(mid.id(), 1).parentId(b.id().toString()).build());
        WorkItem moved = reload(kid);
        assertThat(moved.version()).isEqualTo(kid.version());
        assertThat(moved.path()).isEqualTo(b.path() + "/" + mid.id() + "/" + kid.id());
        long[] before = snapshot();
        WorkItem stale = kid.toBuilder().version(2).title("written over the move").build();

        WorkstateException e = expectError(ErrorCode.VERSION_CONFLICT,
                () -> store.apply(new Mutation.UpdateWorkItem(stale, 1, kid.path())));
        assertThat(e).isInstanceOf(StalePathException.class);
        assertThat(e.details()).containsEntry("entity_id", kid.id().toString())
                .containsEntry("expected_path", kid.path()).containsEntry("current_path", moved.path());
        AuditEvent event = new AuditEvent(UUID.randomUUID(), EntityType.WORK_ITEM, kid.id().toString(), "update",
                "writer", kid.updatedAt(), null, null);
        assertThat(catchThrowable(() -> store.applyAll(List.of(new Mutation.UpdateWorkItem(stale, 1, kid.path()),
                new Mutation.AppendAudit(event))))).isInstanceOf(StalePathException.class);

        assertUnchanged(before);
        assertThat(reload(kid)).isEqualTo(moved);
        assertPathsConsistent();
        // the same change asked of the service re-reads the item and keeps the new place
        WorkItem v2 = items().update(Fixtures.update(kid.id(), 1).title("after the move").build());
        assertThat(v2.path()).isEqualTo(moved.path());
        assertThat(reload(kid)).isEqualTo(v2);
    }

    @Test
    void concurrentMovesAndCreatesNeverLeaveAStalePath() throws Exception {
        WorkItem a = create("project", "A");
        WorkItem b = create("project", "B");
        WorkItem mid = child("session", "moving", a);
        WorkItem kid = child("task", "kid", mid);
        AtomicInteger moves = new AtomicInteger();
        List<Object> results = race(4, i -> () -> {
            if (i == 0) {
                for (int m = 0; m < 15; m++) {
                    WorkItem cur = reload(mid);
                    UUID target = cur.parentId().equals(a.id()) ? b.id() : a.id();
                    try {
                        items().update(Fixtures.update(mid.id(), cur.version()).parentId(target.toString()).build());
                        moves.incrementAndGet();
                    } catch (VersionConflictException e) {
                        // another writer touched mid; read again
                    }
                }
            } else if (i == 1) {
                for (int m = 0; m < 15; m++) {
                    WorkItem cur = reload(kid);
                    try {
                        items().update(Fixtures.update(kid.id(), cur.version()).title("kid " + m).build());
                    } catch (VersionConflictException e) {
                        // raced with nothing else; tolerated
                    }
                }
            } else {
                for (int m = 0; m < 10; m++) {
                    child("task", "child " + i + "." + m, mid);
                }
            }
            return null;
        });
        assertThat(results).allSatisfy(r -> assertThat(r).isNull());
        assertThat(moves.get()).isPositive();
        assertPathsConsistent();
        assertThat(items().query(mid.id().toString(), true, false, null, false).descendants()).hasSize(21);
    }

    @Test
    void crossMovesRacingEachOtherNeverCloseACycle() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 12; round++) {
                WorkItem a = create("project", "A" + round);
                WorkItem b = create("project", "B" + round);
                // A under B and B under A at once: each alone is valid; both together would be a cycle.
                List<Object> outcomes = race(pool, 2, i -> () -> {
                    WorkItem moving = i == 0 ? a : b;
                    WorkItem target = i == 0 ? b : a;
                    return items().update(Fixtures.update(moving.id(), moving.version())
                            .parentId(target.id().toString()).build());
                });
                long moved = outcomes.stream().filter(WorkItem.class::isInstance).count();
                assertThat(moved).as("round %d: %s", round, outcomes).isEqualTo(1);
                assertThat(outcomes).filteredOn(o -> !(o instanceof WorkItem))
                        .allSatisfy(o -> assertThat(o).isInstanceOf(dev.workstate.error.ValidationException.class));
                assertThat(reload(a).parentId() == null || reload(b).parentId() == null).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertPathsConsistent();
    }

    @Test
    void randomCreatesMovesAndDeletesKeepTheTreeConsistent() {
        List<UUID> ids = new ArrayList<>();
        // each op: kind (0 create, 1 move, 2 move to root, 3 delete/restore), then two picks among the items so far
        qt().withFixedSeed(0xC0FFEEL).withExamples(8).withShrinkCycles(0)
                .forAll(lists().of(integers().between(0, 3).zip(integers().allPositive(), integers().allPositive(),
                        (k, a, b) -> new int[] {k, a, b})).ofSizeBetween(5, 20))
                .checkAssert(ops -> {
                    for (int[] op : ops) {
                        UUID a = ids.isEmpty() ? null : ids.get(op[1] % ids.size());
                        UUID b = ids.isEmpty() ? null : ids.get(op[2] % ids.size());
                        long[] before = snapshot();
                        try {
                            if (op[0] == 0 || a == null) {
                                ids.add(items().create(Fixtures.child("task", "n" + ids.size(), a)).id());
                            } else if (op[0] == 1 || op[0] == 2) {
                                WorkItem cur = reload(a);
                                items().update(Fixtures.update(a, cur.version())
                                        .parentId(op[0] == 2 ? null : b.toString()).build());
                            } else {
                                WorkItem cur = reload(a);
                                items().update(cur.isDeleted() ? Fixtures.update(a, cur.version()).restore(true).build()
                                        : Fixtures.update(a, cur.version()).deletedAt("NOW()").build());
                            }
                        } catch (dev.workstate.error.ValidationException e) {
                            assertThat(e.errors()).extracting(f -> f.field()).containsOnly("parent_id");
                            assertUnchanged(before);
                        }
                    }
                    assertPathsConsistent();
                    assertThat(everything()).allSatisfy(w -> assertThat(w.depth()).isBetween(0, 5));
                });
    }

    /** Every item's path is its parent's path plus its id, and its depth is the parent's plus one. */
    protected void assertPathsConsistent() {
        List<WorkItem> all = everything();
        assertThat(all).hasSize((int) store.workItems().count());
        Map<UUID, WorkItem> byId = new HashMap<>();
        all.forEach(w -> byId.put(w.id(), w));
        for (WorkItem w : all) {
            if (w.parentId() == null) {
                assertThat(w.path()).isEqualTo("/" + w.id());
                assertThat(w.depth()).isZero();
            } else {
                WorkItem parent = byId.get(w.parentId());
                assertThat(parent).as("parent of %s", w.title()).isNotNull();
                assertThat(w.path()).as("path of %s", w.title()).isEqualTo(parent.path() + "/" + w.id());
                assertThat(w.depth()).as("depth of %s", w.title()).isEqualTo(parent.depth() + 1);
            }
        }
    }
}
