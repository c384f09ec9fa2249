package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.ErrorCode;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.ItemType;
import dev.workstate.model.Metadata;
import dev.workstate.model.Page;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemStatus;
import dev.workstate.port.Mutation;
import dev.workstate.port.Store;
import dev.workstate.service.ArchiveResult;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Contract of work-item storage through the service: creation and round-trips, versioned updates and optimistic
 * locking (reference scenario 2), visibility across instances (scenario 3), every metadata bound (scenario 9), soft
 * delete and restore, history, list filters/paging/ordering, and archiving.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class WorkItemContract extends WorkItemSupport {

    // ------------------------------------------------------------------ create / get

    @Test
    void createAppliesDefaultsAndRoundTrips() {
        Instant now = clock.instant();
        WorkItem t = items().create(new NewWorkItem("task", "Implement tree-sitter AST parsing", "Parse every file",
                Fixtures.taskMetadata(), null, null, "feature/003-parsing", Fixtures.COMMIT, 42, null));

        assertThat(t.version()).isEqualTo(1);
        assertThat(t.itemType()).isEqualTo(ItemType.TASK);
        assertThat(t.status()).isEqualTo(WorkItemStatus.ACTIVE);
        assertThat(t.parentId()).isNull();
        assertThat(t.path()).isEqualTo("/" + t.id());
        assertThat(t.depth()).isZero();
        assertThat(t.createdAt()).isEqualTo(now);
        assertThat(t.updatedAt()).isEqualTo(now);
        assertThat(t.createdBy()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);
        assertThat(t.updatedBy()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);
        assertThat(t.metadata()).isEqualTo(Metadata.freeze(Fixtures.taskMetadata()));
        assertThat(t.claimedBy()).isNull();
        assertThat(t.deletedAt()).isNull();
        assertThat(t.archivedAt()).isNull();
        assertThat(t.id().version()).as("UUID version").isEqualTo(7);

        assertThat(reload(t)).isEqualTo(t);
        assertThat(store.workItems().get(t.id())).contains(t);

        List<AuditEvent> history = items().history(t.id().toString());
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("create");
            assertThat(e.entityType()).isEqualTo(EntityType.WORK_ITEM);
            assertThat(e.entityId()).isEqualTo(t.id().toString());
            assertThat(e.actor()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);
            assertThat(e.at()).isEqualTo(now);
            assertThat(e.before()).isNull();
            assertThat(json(e.after())).containsEntry("title", "Implement tree-sitter AST parsing")
                    .containsEntry("version", 1L);
        });
    }

    @Test
    void everyTypeWithEveryOptionalFieldRoundTrips() {
        for (ItemType type : ItemType.values()) {
            WorkItem w = items().create(new NewWorkItem(type.wire(), "A " + type.wire() + " ✓ ünïcödé 🚀",
                    "line one\nline two", Fixtures.metadataFor(type), null, "blocked", "b".repeat(100),
                    Fixtures.COMMIT, Integer.MAX_VALUE, "claude-desktop"));
            assertThat(w.status()).isEqualTo(WorkItemStatus.BLOCKED);
            assertThat(w.createdBy()).isEqualTo("claude-desktop");
            assertThat(w.updatedBy()).isEqualTo("claude-desktop");
            assertThat(reload(w)).isEqualTo(w);
        }
        assertThat(store.workItems().count()).isEqualTo(4);
    }

    @Test
    void unknownAndMalformedIds() {
        String unknown = UUID.randomUUID().toString();
        NotFoundException e = (NotFoundException) expectError(ErrorCode.NOT_FOUND, () -> items().get(unknown));
        assertThat(e.details()).containsEntry("entity_type", "WorkItem").containsEntry("id", unknown);
        assertThat(rejectedFields(() -> items().get("not-a-uuid"))).containsExactly("id");
        expectError(ErrorCode.NOT_FOUND, () -> items().query(unknown, true, true, null, false));
        expectError(ErrorCode.NOT_FOUND, () -> items().history(unknown));
        expectError(ErrorCode.NOT_FOUND,
                () -> items().update(WorkItemUpdate.builder(unknown, 1L).title("x").updatedBy("a").build()));
    }

    // ------------------------------------------------------------------ scenario 2: optimistic locking

    @Test
    void scenario2TwoClientsRaceOnOneVersionExactlyOneWins() {
        WorkItem item = create("task", "Optimistic locking target");
        long v = item.version();
        WorkItem seenByA = reload(item);
        WorkItem seenByB = reload(item);
        long[] before = snapshot();

        Map<String, Object> metaA = new LinkedHashMap<>(Fixtures.taskMetadata());
        metaA.put("estimated_hours", 3.0);
        WorkItem afterA = items().update(Fixtures.update(seenByA.id(), seenByA.version()).updatedBy("client-a")
                .metadata(metaA).build());
        assertThat(afterA.version()).isEqualTo(v + 1);

        Map<String, Object> metaB = new LinkedHashMap<>(Fixtures.taskMetadata());
        metaB.put("estimated_hours", 8.0);
        long[] afterWin = snapshot();
        VersionConflictException c = (VersionConflictException) expectError(ErrorCode.VERSION_CONFLICT,
                () -> items().update(Fixtures.update(seenByB.id(), seenByB.version()).updatedBy("client-b")
                        .metadata(metaB).build()));
        assertThat(c.expectedVersion()).isEqualTo(v);
        assertThat(c.currentVersion()).isEqualTo(v + 1);
        assertThat(c.details()).containsEntry("entity_type", "WorkItem")
                .containsEntry("entity_id", item.id().toString())
                .containsEntry("expected_version", v)
                .containsEntry("current_version", v + 1)
                .containsEntry("last_updated_by", "client-a");
        assertThat(c.current()).isInstanceOfSatisfying(WorkItem.class, cur -> {
            assertThat(cur.version()).isEqualTo(v + 1);
            assertThat(cur.metadata()).containsEntry("estimated_hours", 3.0);
        });
        assertThat(c.getMessage()).containsIgnoringCase("version mismatch");
        assertUnchanged(afterWin);
        assertThat(afterWin[1]).isEqualTo(before[1] + 1);

        WorkItem fin = reload(item);
        assertThat(fin.metadata()).containsEntry("estimated_hours", 3.0);
        assertThat(fin.version()).isEqualTo(v + 1);
        assertThat(fin.createdBy()).isEqualTo(item.createdBy());
        assertThat(fin.updatedBy()).isEqualTo("client-a");
    }

    @Test
    void scenario2SequentialUpdatesEachAddOneAndUpdatedAtAdvances() {
        WorkItem item = items().create(Fixtures.described("task", "Sequential", null, "creator"));
        WorkItem cur = item;
        for (int i = 1; i <= 3; i++) {
            if (i == 2) {
                clock.advance(Duration.ofSeconds(1));
            }
            WorkItem next = items().update(Fixtures.update(cur.id(), cur.version()).title("Sequential " + i)
                    .updatedBy("editor-" + i).build());
            assertThat(next.version()).isEqualTo(item.version() + i);
            assertThat(next.updatedAt()).as("updated_at strictly advances, even within one millisecond")
                    .isAfter(cur.updatedAt());
            assertThat(next.createdBy()).isEqualTo("creator");
            assertThat(next.createdAt()).isEqualTo(item.createdAt());
            assertThat(next.updatedBy()).isEqualTo("editor-" + i);
            assertThat(reload(item)).isEqualTo(next);
            cur = next;
        }
        assertThat(items().history(item.id().toString())).extracting(AuditEvent::actor)
                .containsExactly("creator", "editor-1", "editor-2", "editor-3");
    }

    @Test
    void scenario2ThreeConcurrentWritersExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 10; round++) {
            WorkItem item = create("task", "Concurrent writers " + round);
            List<Object> results = race(3, i -> () -> items().update(Fixtures.update(item.id(), item.version())
                    .title("writer " + i).updatedBy("writer-" + i).build()));
            List<WorkItem> wins = results.stream().filter(WorkItem.class::isInstance).map(WorkItem.class::cast)
                    .toList();
            List<VersionConflictException> conflicts = results.stream()
                    .filter(VersionConflictException.class::isInstance).map(VersionConflictException.class::cast)
                    .toList();
            assertThat(wins).as("round %d: %s", round, results).hasSize(1);
            assertThat(conflicts).as("round %d: %s", round, results).hasSize(2);
            for (VersionConflictException c : conflicts) {
                assertThat(c.expectedVersion()).isEqualTo(1);
                assertThat(c.currentVersion()).isEqualTo(2);
                assertThat(c.details()).containsEntry("last_updated_by", wins.get(0).updatedBy());
            }
            WorkItem fin = reload(item);
            assertThat(fin.version()).isEqualTo(2);
            assertThat(fin.title()).isEqualTo(wins.get(0).title());
            assertThat(items().history(item.id().toString())).hasSize(2);
        }
    }

    @Test
    void updateChangesEachFieldAndClearsOptionalOnes() {
        WorkItem w = items().create(new NewWorkItem("task", "Original", "desc", Map.of(), null, null, "main",
                Fixtures.COMMIT, 7, null));
        w = items().update(Fixtures.update(w.id(), 1).title("Renamed").status("completed").build());
        assertThat(w.title()).isEqualTo("Renamed");
        assertThat(w.status()).isEqualTo(WorkItemStatus.COMPLETED);
        assertThat(w.description()).isEqualTo("desc");

        WorkItemUpdate clear = new WorkItemUpdate(w.id().toString(), 2L, "cleaner", null, Optional.empty(), null,
                null, null, Optional.empty(), Optional.empty(), Optional.empty(), null, false);
        w = items().update(clear);
        assertThat(w.description()).isNull();
        assertThat(w.branchName()).isNull();
        assertThat(w.commitHash()).isNull();
        assertThat(w.prNumber()).isNull();
        assertThat(w.title()).isEqualTo("Renamed");
        assertThat(w.version()).isEqualTo(3);

        // metadata replaces the whole object (no merge) and is re-validated against the item's type
        w = items().update(Fixtures.update(w.id(), 3).metadata(Map.of("actual_hours", 4)).description("new")
                .branchName("fix/1").commitHash("f".repeat(40)).prNumber(9).build());
        assertThat(w.metadata()).containsExactly(Map.entry("actual_hours", 4L));
        assertThat(reload(w)).isEqualTo(w);

        WorkItem stored = w;
        long[] before = snapshot();
        assertThat(rejectedFields(() -> items().update(Fixtures.update(stored.id(), 4)
                .metadata(Map.of("token_budget", 5000)).title(" ").build())))
                .containsExactlyInAnyOrder("metadata.token_budget", "title");
        assertThat(rejectedFields(() -> items().update(new WorkItemUpdate(stored.id().toString(), 4L, null,
                Optional.empty(), null, Optional.empty(), null, null, null, null, null, null, false))))
                .containsExactlyInAnyOrder("title", "status");
        assertUnchanged(before);
        assertThat(reload(w)).isEqualTo(stored);
    }

    @Test
    void invalidInputWinsOverStaleVersion() {
        WorkItem w = create("task", "t");
        items().update(Fixtures.update(w.id(), 1).title("t2").build());
        assertThat(rejectedFields(() -> items().update(Fixtures.update(w.id(), 1).title("").build())))
                .containsExactly("title");
        expectError(ErrorCode.VERSION_CONFLICT, () -> items().update(Fixtures.update(w.id(), 1).title("t3").build()));
        expectError(ErrorCode.VERSION_CONFLICT, () -> items().update(Fixtures.update(w.id(), 5).title("t3").build()));
    }

    // ------------------------------------------------------------------ scenario 3: visibility

    @Test
    void scenario3ChangesAreImmediatelyVisibleToOtherClients() throws Exception {
        Store second = reopenStore(tempDir);
        Workstate other = second == null ? ws : Workstate.over(second, WorkstateConfig.forDirectory(tempDir), clock);
        try {
            WorkItem created = items().create(Fixtures.described("task", "Visible everywhere", null, "claude-code"));
            WorkItem seen = other.workItems().get(created.id().toString());
            assertThat(seen.version()).isEqualTo(1);
            assertThat(seen.createdBy()).isEqualTo("claude-code");
            assertThat(seen).isEqualTo(created);

            WorkItem done = other.workItems().update(Fixtures.update(created.id(), 1).status("completed")
                    .updatedBy("claude-desktop").build());
            WorkItem third = reload(created);
            assertThat(third.status()).isEqualTo(WorkItemStatus.COMPLETED);
            assertThat(third.version()).isEqualTo(2);
            assertThat(third.updatedBy()).isEqualTo("claude-desktop");
            assertThat(third).isEqualTo(done);

            List<Object> reads = race(3, i -> () -> (i % 2 == 0 ? ws : other).workItems()
                    .get(created.id().toString()));
            assertThat(reads).allSatisfy(r -> assertThat(r).isEqualTo(done));
            assertThat(other.workItems().list(WorkItemQuery.all()).items()).extracting(WorkItem::id)
                    .contains(created.id());
        } finally {
            if (other != ws) {
                other.close();
            }
        }
    }

    // ------------------------------------------------------------------ scenario 9: metadata bounds

    @Test
    void scenario9EveryMetadataBoundOnBothSides() {
        Map<String, Object> fm = Map.of("schema_version", "1.0");
        accepted("session", session(1000L, 0L, fm));
        accepted("session", session(1_000_000L, 5L, fm));
        rejected("session", session(999L, 0L, fm), "metadata.token_budget");
        rejected("session", session(1_000_001L, 0L, fm), "metadata.token_budget");
        rejected("session", session("200000", 0L, fm), "metadata.token_budget");
        rejected("session", session(200000.5, 0L, fm), "metadata.token_budget");
        rejected("session", session(true, 0L, fm), "metadata.token_budget");
        rejected("session", session(2000L, -1L, fm), "metadata.prompts_count");
        rejected("session", session(2000L, 0L, Map.of("mode", "x")), "metadata.yaml_frontmatter.schema_version");
        rejected("session", Map.of("token_budget", 2000L), "metadata.prompts_count", "metadata.yaml_frontmatter");

        accepted("task", Map.of());
        accepted("task", Map.of("estimated_hours", 0.0, "actual_hours", 1000.0));
        accepted("task", Map.of("estimated_hours", 0L, "actual_hours", 1000L));
        rejected("task", Map.of("estimated_hours", -0.1), "metadata.estimated_hours");
        rejected("task", Map.of("actual_hours", 1000.1), "metadata.actual_hours");
        rejected("task", Map.of("actual_hours", "3.5"), "metadata.actual_hours");
        accepted("task", Map.of("blocked_reason", "r".repeat(500)));
        rejected("task", Map.of("blocked_reason", "r".repeat(501)), "metadata.blocked_reason");

        accepted("project", Map.of("description", "d".repeat(1000)));
        rejected("project", Map.of("description", "d".repeat(1001)), "metadata.description");
        rejected("project", Map.of(), "metadata.description");
        for (String q : List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")) {
            accepted("project", Map.of("description", "d", "target_quarter", q));
        }
        rejected("project", Map.of("description", "d", "target_quarter", "2025-Q5"), "metadata.target_quarter");
        rejected("project", Map.of("description", "d", "target_quarter", "Q1-2025"), "metadata.target_quarter");
        rejected("project", Map.of("description", "d", "constitutional_principles", List.of(1L)),
                "metadata.constitutional_principles");

        accepted("research", Map.of("findings_summary", "f".repeat(2000)));
        rejected("research", Map.of("findings_summary", "f".repeat(2001)), "metadata.findings_summary");
        rejected("research", Map.of("research_questions", "not a list"), "metadata.research_questions");

        // metadata of another type, unknown keys
        rejected("task", Fixtures.sessionMetadata(), "metadata.token_budget", "metadata.prompts_count",
                "metadata.yaml_frontmatter");
        rejected("research", Map.of("extra", "x"), "metadata.extra");

        // top-level fields
        acceptedItem(new NewWorkItem("task", "t".repeat(200), null, Map.of(), null, null, "b".repeat(100), null,
                1, "c".repeat(100)));
        rejectedItem(new NewWorkItem("task", "t".repeat(201), null, Map.of(), null, null, null, null, null, null),
                "title");
        rejectedItem(new NewWorkItem("task", "t", null, Map.of(), null, null, null, null, null, "c".repeat(101)),
                "created_by");
        rejectedItem(new NewWorkItem("task", "t", null, Map.of(), null, null, "b".repeat(101), null, null, null),
                "branch_name");
        rejectedItem(new NewWorkItem("task", "t", null, Map.of(), null, null, null, "A".repeat(40), null, null),
                "commit_hash");
        rejectedItem(new NewWorkItem("task", "t", null, Map.of(), null, null, null, null, 0, null), "pr_number");
        rejectedItem(new NewWorkItem("task", "t", "d".repeat(10_001), Map.of(), null, null, null, null, null, null),
                "description");
        rejectedItem(new NewWorkItem("epic", "t", null, Map.of(), null, null, null, null, null, null), "item_type");
        rejectedItem(new NewWorkItem("task", "t", null, Map.of(), null, "done", null, null, null, null), "status");
        acceptedItem(new NewWorkItem("task", "t", "d".repeat(10_000), Map.of(), null, null, null, null, null, null));

        // list paging bounds
        assertThat(rejectedFields(() -> items().list(page(0, 0)))).containsExactly("limit");
        assertThat(rejectedFields(() -> items().list(page(101, 0)))).containsExactly("limit");
        assertThat(rejectedFields(() -> items().list(page(50, -1)))).containsExactly("offset");
        assertThat(items().list(page(1, 0)).limit()).isEqualTo(1);
        assertThat(items().list(page(100, 0)).limit()).isEqualTo(100);
    }

    private static WorkItemQuery page(int limit, int offset) {
        return new WorkItemQuery(null, null, null, false, false, null, false, false, limit, offset, null);
    }

    private static Map<String, Object> session(Object budget, Object prompts, Object frontmatter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_budget", budget);
        m.put("prompts_count", prompts);
        m.put("yaml_frontmatter", frontmatter);
        return m;
    }

    private void accepted(String type, Map<String, Object> metadata) {
        acceptedItem(withMetadata(type, "bounds", metadata));
    }

    private void acceptedItem(NewWorkItem request) {
        WorkItem w = items().create(request);
        assertThat(reload(w)).isEqualTo(w);
    }

    private void rejected(String type, Map<String, Object> metadata, String... fields) {
        rejectedItem(withMetadata(type, "bounds", metadata), fields);
        // the same metadata is rejected on update, too
        WorkItem existing = create(type, "existing " + type);
        long[] before = snapshot();
        assertThat(rejectedFields(() -> items().update(Fixtures.update(existing.id(), 1).metadata(metadata).build())))
                .containsExactlyInAnyOrder(fields);
        assertUnchanged(before);
        assertThat(reload(existing)).isEqualTo(existing);
    }

    private void rejectedItem(NewWorkItem request, String... fields) {
        long[] before = snapshot();
        assertThat(rejectedFields(() -> items().create(request))).as("rejected fields of %s", request)
                .containsExactlyInAnyOrder(fields);
        assertUnchanged(before);
    }

    // ------------------------------------------------------------------ soft delete, restore, history

    @Test
    void softDeleteAndRestoreAreVersionedAndAudited() {
        WorkItem w = create("task", "Short-lived");
        clock.advance(Duration.ofMinutes(1));
        WorkItem deleted = items().update(Fixtures.update(w.id(), 1).deletedAt("now()").updatedBy("janitor").build());
        assertThat(deleted.deletedAt()).isEqualTo(clock.instant());
        assertThat(deleted.version()).isEqualTo(2);
        assertThat(reload(w)).isEqualTo(deleted);
        assertThat(listAll(false, false)).extracting(WorkItem::id).doesNotContain(w.id());
        assertThat(listAll(true, false)).extracting(WorkItem::id).contains(w.id());

        WorkItem restored = items().update(Fixtures.update(w.id(), 2).restore(true).build());
        assertThat(restored.deletedAt()).isNull();
        assertThat(restored.version()).isEqualTo(3);
        assertThat(listAll(false, false)).extracting(WorkItem::id).contains(w.id());

        assertThat(rejectedFields(() -> items().update(Fixtures.update(w.id(), 3).restore(true).build())))
                .containsExactly("restore");
        assertThat(rejectedFields(() -> items().update(Fixtures.update(w.id(), 3).deletedAt("yesterday").build())))
                .containsExactly("deleted_at");

        WorkItem again = items().update(Fixtures.update(w.id(), 3).deletedAt("2025-10-10T10:00:00.123456Z").build());
        assertThat(again.deletedAt()).isEqualTo(Instant.parse("2025-10-10T10:00:00.123Z"));
        WorkItem viaEmpty = items().update(new WorkItemUpdate(w.id().toString(), 4L, null, null, null, null, null,
                null, null, null, null, Optional.empty(), false));
        assertThat(viaEmpty.deletedAt()).isNull();

        List<AuditEvent> history = items().history(w.id().toString());
        assertThat(history).extracting(AuditEvent::operation)
                .containsExactly("create", "delete", "restore", "delete", "restore");
        assertThat(history.get(1).actor()).isEqualTo("janitor");
        assertThat(json(history.get(1).before())).containsEntry("deleted_at", null).containsEntry("version", 1L);
        assertThat(json(history.get(1).after())).containsEntry("version", 2L);
    }

    @Test
    void historyIsOldestFirstWithBeforeAndAfterImages() {
        WorkItem w = create("project", "Audited");
        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            items().update(Fixtures.update(w.id(), i).title("Audited " + i).updatedBy("agent-" + i).build());
        }
        create("task", "unrelated");
        List<AuditEvent> h = items().history(w.id().toString());
        assertThat(h).hasSize(5);
        assertThat(h).extracting(AuditEvent::at).isSorted();
        assertThat(h).extracting(AuditEvent::operation).containsExactly("create", "update", "update", "update",
                "update");
        for (int i = 1; i < h.size(); i++) {
            assertThat(json(h.get(i).before())).containsEntry("version", (long) i);
            assertThat(json(h.get(i).after())).containsEntry("version", (long) i + 1)
                    .containsEntry("title", "Audited " + i).containsEntry("updated_by", "agent-" + i);
        }
        assertThat(h).extracting(AuditEvent::id).doesNotHaveDuplicates();
    }

    // ------------------------------------------------------------------ list

    @Test
    void listFiltersPagesAndOrdersNewestChangeFirst() {
        WorkItem project = create("project", "P");
        clock.advance(Duration.ofSeconds(1));
        WorkItem session = child("session", "S", project);
        clock.advance(Duration.ofSeconds(1));
        WorkItem task1 = child("task", "T1", session);
        clock.advance(Duration.ofSeconds(1));
        WorkItem task2 = child("task", "T2", session);
        clock.advance(Duration.ofSeconds(1));
        WorkItem research = create("research", "R");
        clock.advance(Duration.ofSeconds(1));
        items().update(Fixtures.update(task1.id(), 1).status("completed").build());

        Page<WorkItem> all = items().list(WorkItemQuery.all());
        assertThat(all.items()).extracting(WorkItem::title).containsExactly("T1", "R", "T2", "S", "P");
        assertThat(all.totalCount()).isEqualTo(5);
        assertThat(all.limit()).isEqualTo(50);
        assertThat(all.offset()).isZero();
        assertThat(all.hasMore()).isFalse();

        assertThat(titles(q -> q.itemType = "task")).containsExactly("T1", "T2");
        assertThat(titles(q -> q.status = "completed")).containsExactly("T1");
        assertThat(titles(q -> q.status = "active")).containsExactly("R", "T2", "S", "P");
        assertThat(titles(q -> q.parentId = session.id().toString())).containsExactly("T1", "T2");
        assertThat(titles(q -> q.parentId = UUID.randomUUID().toString())).isEmpty();
        assertThat(titles(q -> q.rootOnly = true)).containsExactly("R", "P");
        assertThat(titles(q -> {
            q.itemType = "task";
            q.status = "active";
            q.parentId = session.id().toString();
        })).containsExactly("T2");

        Page<WorkItem> p1 = items().list(page(2, 0));
        Page<WorkItem> p2 = items().list(page(2, 2));
        Page<WorkItem> p3 = items().list(page(2, 4));
        Page<WorkItem> p4 = items().list(page(2, 6));
        assertThat(p1.items()).extracting(WorkItem::title).containsExactly("T1", "R");
        assertThat(p1.hasMore()).isTrue();
        assertThat(p2.items()).extracting(WorkItem::title).containsExactly("T2", "S");
        assertThat(p2.hasMore()).isTrue();
        assertThat(p3.items()).extracting(WorkItem::title).containsExactly("P");
        assertThat(p3.hasMore()).isFalse();
        assertThat(p4.items()).isEmpty();
        assertThat(List.of(p1, p2, p3, p4)).allSatisfy(p -> assertThat(p.totalCount()).isEqualTo(5));

        clock.advance(Duration.ofSeconds(1));
        items().update(Fixtures.update(project.id(), 1).title("P2").build());
        assertThat(items().list(page(1, 0)).items()).extracting(WorkItem::title).containsExactly("P2");

        items().update(Fixtures.update(research.id(), 1).deletedAt("NOW()").build());
        assertThat(titles(q -> { })).doesNotContain("R");
        assertThat(titles(q -> q.includeDeleted = true)).contains("R");
        assertThat(items().list(WorkItemQuery.all()).totalCount()).isEqualTo(4);
        assertThat(task2.depth()).isEqualTo(2);
    }

    /** Mutable list criteria for terse tests; not thread-safe. */
    protected static final class Q {
        public String itemType;
        public String status;
        public String parentId;
        public boolean rootOnly;
        public boolean ready;
        public String query;
        public boolean includeDeleted;
        public boolean includeArchived;
        public Integer limit = 100;
        public Integer offset;
        public String viewer;

        public WorkItemQuery build() {
            return new WorkItemQuery(itemType, status, parentId, rootOnly, ready, query, includeDeleted,
                    includeArchived, limit, offset, viewer);
        }
    }

    protected List<String> titles(Consumer<Q> criteria) {
        Q q = new Q();
        criteria.accept(q);
        return items().list(q.build()).items().stream().map(WorkItem::title).toList();
    }

    // ------------------------------------------------------------------ archive

    @Test
    void archiveMovesOldCompletedItemsOutOfDefaultViews() {
        WorkItem root = create("project", "Root");
        WorkItem oldDone = child("task", "old done", root);
        WorkItem oldActive = child("task", "old active", root);
        WorkItem oldDeleted = child("task", "old deleted", root);
        oldDone = items().update(Fixtures.update(oldDone.id(), 1).status("completed").build());
        items().update(Fixtures.update(oldDeleted.id(), 1).status("completed").deletedAt("NOW()").build());
        List<UUID> bulk = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            WorkItem b = create("task", "bulk " + i);
            bulk.add(items().update(Fixtures.update(b.id(), 1).status("completed").build()).id());
        }
        clock.advance(Duration.ofDays(40));
        WorkItem recentDone = items().update(Fixtures.update(create("task", "recent").id(), 1).status("completed")
                .build());

        ArchiveResult result = items().archive(30, "archiver");
        assertThat(result.archivedCount()).isEqualTo(106);
        assertThat(result.cutoff()).isEqualTo(clock.instant().minus(Duration.ofDays(30)));
        assertThat(result.archivedIds()).contains(oldDone.id()).containsAll(bulk)
                .doesNotContain(oldActive.id(), oldDeleted.id(), recentDone.id());

        WorkItem archived = reload(oldDone);
        assertThat(archived.archivedAt()).isEqualTo(clock.instant());
        assertThat(archived.version()).isEqualTo(oldDone.version() + 1);
        assertThat(archived.title()).isEqualTo("old done");
        assertThat(archived.updatedBy()).isEqualTo("archiver");
        assertThat(items().history(oldDone.id().toString())).last()
                .satisfies(e -> assertThat(e.operation()).isEqualTo("archive"));

        assertThat(listAll(false, false)).extracting(WorkItem::id).doesNotContain(oldDone.id())
                .contains(oldActive.id(), recentDone.id());
        assertThat(items().list(new WorkItemQuery(null, null, null, false, false, null, false, true, 100, 0, null))
                .totalCount()).isEqualTo(109);
        assertThat(items().query(root.id().toString(), true, false, null, false).descendants())
                .extracting(s -> s.id()).containsExactly(oldActive.id());

        assertThat(items().archive(30, null).archivedCount()).isZero();
        assertThat(items().archive(null, null).archivedCount()).as("default 365 days").isZero();
        clock.advance(Duration.ofDays(400));
        assertThat(items().archive(null, null).archivedIds()).containsExactly(recentDone.id());
        assertThat(rejectedFields(() -> items().archive(0, null))).containsExactly("older_than_days");
    }

    // ------------------------------------------------------------------ port semantics other layers must share

    @Test
    void storeCompareAndSetDecidesConflictsOnItsOwn() {
        WorkItem w = items().create(Fixtures.described("task", "CAS", null, "creator"));
        WorkItem v2 = items().update(Fixtures.update(w.id(), 1).title("CAS 2").updatedBy("second").build());
        long[] before = snapshot();
        WorkItem stale = w.toBuilder().version(2).title("lost").build();
        // the service pre-checks versions; the store must also refuse on its own (that is what closes the race)
        VersionConflictException c = (VersionConflictException) expectError(ErrorCode.VERSION_CONFLICT,
                () -> store.apply(new dev.workstate.port.Mutation.UpdateWorkItem(stale, 1)));
        assertThat(c.expectedVersion()).isEqualTo(1);
        assertThat(c.currentVersion()).isEqualTo(2);
        assertThat(c.details()).containsEntry("entity_type", "WorkItem")
                .containsEntry("entity_id", w.id().toString()).containsEntry("last_updated_by", "second");
        expectError(ErrorCode.NOT_FOUND, () -> store.apply(new dev.workstate.port.Mutation.UpdateWorkItem(
                stale.toBuilder().id(UUID.randomUUID()).build(), 1)));
        expectError(ErrorCode.DUPLICATE, () -> store.apply(new dev.workstate.port.Mutation.InsertWorkItem(w)));
        assertUnchanged(before);
        assertThat(reload(w)).isEqualTo(v2);

        // a content update carries no lease: the store keeps the claim columns as they are
        assertThat(items().claim(w.id().toString(), "holder", null, null).granted()).isTrue();
        WorkItem v3 = v2.toBuilder().version(3).title("CAS 3").build();
        assertThat(v3.claimedBy()).isNull();
        store.inTransaction(() -> store.apply(new dev.workstate.port.Mutation.UpdateWorkItem(v3, 2)));
        assertThat(reload(w).claimedBy()).isEqualTo("holder");
        assertThat(reload(w).title()).isEqualTo("CAS 3");
    }

    @Test
    void applyAllWritesAnUpdateAndItsAuditEventTogetherOrNotAtAll() {
        WorkItem w = items().create(Fixtures.described("task", "together", null, "creator"));
        WorkItem v2 = w.toBuilder().version(2).title("together 2").build();
        AuditEvent event = new AuditEvent(UUID.randomUUID(), EntityType.WORK_ITEM, w.id().toString(), "update",
                "writer", w.updatedAt(), Json.write(w), Json.write(v2));
        long[] before = snapshot();

        store.applyAll(List.of(new Mutation.UpdateWorkItem(v2, 1, w.path()), new Mutation.AppendAudit(event)));

        assertThat(reload(w)).isEqualTo(v2);
        assertThat(snapshot()[1]).isEqualTo(before[1] + 1);
        assertThat(store.audit().history(EntityType.WORK_ITEM, w.id().toString()))
                .extracting(AuditEvent::id).contains(event.id());

        // an event id already present fails the whole change: the update is not kept without its event
        long[] after = snapshot();
        WorkItem v3 = v2.toBuilder().version(3).title("together 3").build();
        expectError(ErrorCode.DUPLICATE, () -> store.applyAll(List.of(
                new Mutation.UpdateWorkItem(v3, 2, w.path()), new Mutation.AppendAudit(event))));
        // a refused update writes no event
        AuditEvent other = new AuditEvent(UUID.randomUUID(), EntityType.WORK_ITEM, w.id().toString(), "update",
                "writer", w.updatedAt(), null, Json.write(v3));
        expectError(ErrorCode.VERSION_CONFLICT, () -> store.applyAll(List.of(
                new Mutation.UpdateWorkItem(v3, 1, w.path()), new Mutation.AppendAudit(other))));
        expectError(ErrorCode.NOT_FOUND, () -> store.applyAll(List.of(new Mutation.UpdateWorkItem(
                v3.toBuilder().id(UUID.randomUUID()).build(), 2, null), new Mutation.AppendAudit(other))));
        assertUnchanged(after);
        assertThat(reload(w)).isEqualTo(v2);
    }

    @Test
    void portReadsFollowTheirContracts() {
        WorkItem root = create("project", "root");
        WorkItem c1 = child("task", "c1", root);
        WorkItem c2 = child("task", "c2", c1);
        WorkItem gone = child("task", "gone", root);
        items().update(Fixtures.update(gone.id(), 1).deletedAt("NOW()").build());
        var port = store.workItems();

        assertThat(port.descendants(root.path(), 1, false, false)).extracting(WorkItem::id)
                .as("max depth is absolute").containsExactly(c1.id());
        assertThat(port.descendants(c1.path(), 1, true, true)).isEmpty();
        assertThat(port.descendants(c1.path(), 2, false, false)).extracting(WorkItem::id).containsExactly(c2.id());
        assertThat(port.descendants(root.path(), 5, true, false)).hasSize(3);
        assertThat(port.getAll(List.of(root.id(), UUID.randomUUID(), c2.id()))).extracting(WorkItem::id)
                .containsExactlyInAnyOrder(root.id(), c2.id());
        assertThat(port.getAll(List.of())).isEmpty();
        assertThat(port.count()).isEqualTo(4);
        assertThat(port.list(dev.workstate.port.WorkItemFilter.allLive(clock.instant())).items()).hasSize(3);

        // archivable: completed, live, changed before the cutoff, oldest first, bounded
        List<UUID> done = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            WorkItem t = create("task", "done " + i);
            done.add(items().update(Fixtures.update(t.id(), 1).status("completed").build()).id());
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(port.archivable(clock.instant(), 2)).extracting(WorkItem::id).containsExactly(done.get(0),
                done.get(1));
        assertThat(port.archivable(clock.instant(), 10)).extracting(WorkItem::id).containsExactlyElementsOf(done);
        assertThat(port.archivable(reload(done.get(1)).updatedAt(), 10)).extracting(WorkItem::id)
                .as("strictly before the cutoff").containsExactly(done.get(0));
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> json(String text) {
        assertThat(text).isNotNull();
        return Json.read(text, Map.class);
    }
}
