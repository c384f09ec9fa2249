package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.ErrorCode;
import dev.workstate.error.VersionConflictException;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.EntityType;
import dev.workstate.model.Page;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.EnhancementService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract of future enhancements (no tool existed for them in the reference, §8.2): create with defaults, versioned
 * update with optimistic locking, list by priority then target quarter with a status filter and paging, every bound,
 * audit events.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class EnhancementContract extends WorkItemSupport {

    protected EnhancementService enhancements() {
        return ws.enhancements();
    }

    protected Enhancement add(String title, Integer priority, String quarter, String status) {
        return enhancements().save(new EnhancementSave(null, null, title, "Why: " + title, priority, status, quarter,
                null, null));
    }

    private long[] enhancementSnapshot() {
        return new long[] {store.enhancements().list(null, Integer.MAX_VALUE, 0).totalCount(), store.audit().count()};
    }

    @Test
    void createAppliesDefaultsAndRoundTrips() {
        Instant now = clock.instant();
        Enhancement e = enhancements().save(new EnhancementSave(null, null, "Incremental indexing",
                "Only re-index changed files", 2, null, "2026-Q1", List.of("Performance Guarantees",
                "Local-First Architecture"), "planner"));
        assertThat(e.version()).isEqualTo(1);
        assertThat(e.status()).isEqualTo(EnhancementStatus.PLANNED);
        assertThat(e.priority()).isEqualTo(2);
        assertThat(e.targetQuarter()).isEqualTo("2026-Q1");
        assertThat(e.constitutionalPrinciples()).containsExactly("Performance Guarantees", "Local-First Architecture");
        assertThat(e.createdAt()).isEqualTo(now);
        assertThat(e.updatedAt()).isEqualTo(now);
        assertThat(e.createdBy()).isEqualTo("planner");
        assertThat(e.updatedBy()).isEqualTo("planner");
        assertThat(e.id().version()).isEqualTo(7);
        assertThat(enhancements().get(e.id().toString())).isEqualTo(e);
        assertThat(store.enhancements().get(e.id())).contains(e);

        Enhancement minimal = add("Minimal", null, null, null);
        assertThat(minimal.priority()).isEqualTo(3);
        assertThat(minimal.targetQuarter()).isNull();
        assertThat(minimal.constitutionalPrinciples()).isEmpty();
        assertThat(minimal.createdBy()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);

        assertThat(store.audit().history(EntityType.ENHANCEMENT, e.id().toString())).singleElement()
                .satisfies(a -> {
                    assertThat(a.operation()).isEqualTo("create");
                    assertThat(a.actor()).isEqualTo("planner");
                    assertThat(Json.mapper().readTree(a.after())).isEqualTo(Json.mapper().readTree(Json.write(e)));
                });
    }

    @Test
    void versionedUpdateKeepsWhatIsNotGiven() {
        Enhancement e = add("Caching", 3, "2026-Q2", null);
        clock.advance(Duration.ofMinutes(1));
        Enhancement u = enhancements().save(new EnhancementSave(e.id().toString(), 1L, null, null, 1, "approved", null,
                null, "reviewer"));
        assertThat(u.version()).isEqualTo(2);
        assertThat(u.priority()).isEqualTo(1);
        assertThat(u.status()).isEqualTo(EnhancementStatus.APPROVED);
        assertThat(u.title()).isEqualTo("Caching");
        assertThat(u.description()).isEqualTo("Why: Caching");
        assertThat(u.targetQuarter()).isEqualTo("2026-Q2");
        assertThat(u.updatedBy()).isEqualTo("reviewer");
        assertThat(u.createdBy()).isEqualTo(e.createdBy());
        assertThat(u.createdAt()).isEqualTo(e.createdAt());
        assertThat(u.updatedAt()).isEqualTo(clock.instant());
        assertThat(enhancements().get(e.id().toString())).isEqualTo(u);

        Enhancement cleared = enhancements().save(new EnhancementSave(e.id().toString(), 2L, "Caching v2", null, null,
                null, "", List.of("Simplicity Over Features"), null));
        assertThat(cleared.targetQuarter()).as("an empty quarter clears it").isNull();
        assertThat(cleared.title()).isEqualTo("Caching v2");
        assertThat(cleared.constitutionalPrinciples()).containsExactly("Simplicity Over Features");
        assertThat(store.enhancements().get(e.id()).orElseThrow().targetQuarter()).isNull();

        List<AuditEvent> history = store.audit().history(EntityType.ENHANCEMENT, e.id().toString());
        assertThat(history).extracting(AuditEvent::operation).containsExactly("create", "update", "update");
        assertThat(Json.mapper().readTree(history.get(1).before())).isEqualTo(Json.mapper().readTree(Json.write(e)));
    }

    @Test
    void staleVersionIsAConflict() {
        Enhancement e = add("Sharding", 2, null, null);
        enhancements().save(new EnhancementSave(e.id().toString(), 1L, null, null, null, "implementing", null, null,
                "client-a"));
        long[] before = enhancementSnapshot();
        VersionConflictException c = (VersionConflictException) expectError(ErrorCode.VERSION_CONFLICT,
                () -> enhancements().save(new EnhancementSave(e.id().toString(), 1L, null, null, null, "completed",
                        null, null, "client-b")));
        assertThat(c.currentVersion()).isEqualTo(2);
        assertThat(c.details()).containsEntry("entity_type", "Enhancement")
                .containsEntry("entity_id", e.id().toString()).containsEntry("last_updated_by", "client-a");
        assertThat(enhancementSnapshot()).containsExactly(before);
        assertThat(enhancements().get(e.id().toString()).status()).isEqualTo(EnhancementStatus.IMPLEMENTING);
        expectError(ErrorCode.NOT_FOUND, () -> enhancements().save(new EnhancementSave(
                "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", 1L, "x", null, null, null, null, null, null)));
        expectError(ErrorCode.NOT_FOUND, () -> enhancements().get("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
    }

    @Test
    void listIsOrderedByPriorityThenQuarterWithFilterAndPaging() {
        Enhancement c = add("C", 2, "2026-Q3", null);
        Enhancement a = add("A", 1, null, null);
        Enhancement b = add("B", 2, "2026-Q1", "approved");
        Enhancement d = add("D", 2, null, null);
        Enhancement e = add("E", 5, "2025-Q4", "completed");
        Enhancement f = add("F", 1, "2027-Q2", "implementing");

        Page<Enhancement> all = enhancements().list(null, null, null);
        assertThat(all.items()).extracting(Enhancement::title).containsExactly("F", "A", "B", "C", "D", "E");
        assertThat(all.totalCount()).isEqualTo(6);
        assertThat(all.limit()).isEqualTo(50);
        assertThat(enhancements().list(null, 2, 2).items()).containsExactly(b, c);
        assertThat(enhancements().list(null, 2, 2).hasMore()).isTrue();
        assertThat(enhancements().list("planned", null, null).items()).containsExactly(a, c, d);
        assertThat(enhancements().list("completed", null, null).items()).containsExactly(e);
        assertThat(enhancements().list("approved", 10, 0).totalCount()).isEqualTo(1);
        assertThat(f.status()).isEqualTo(EnhancementStatus.IMPLEMENTING);

        assertThat(rejectedFields(() -> enhancements().list("done", null, null))).containsExactly("status");
        assertThat(rejectedFields(() -> enhancements().list(null, 0, null))).containsExactly("limit");
        assertThat(rejectedFields(() -> enhancements().list(null, 101, null))).containsExactly("limit");
        assertThat(rejectedFields(() -> enhancements().list(null, null, -1))).containsExactly("offset");
    }

    @Test
    void boundsAreEnforcedAndNothingIsWrittenOnError() {
        long[] before = enhancementSnapshot();
        assertThat(rejectedFields(() -> add("t".repeat(201), 1, null, null))).containsExactly("title");
        assertThat(rejectedFields(() -> add(" ", 1, null, null))).containsExactly("title");
        assertThat(rejectedFields(() -> add("ok", 0, null, null))).containsExactly("priority");
        assertThat(rejectedFields(() -> add("ok", 6, null, null))).containsExactly("priority");
        assertThat(rejectedFields(() -> add("ok", 1, "2025-Q5", null))).containsExactly("target_quarter");
        assertThat(rejectedFields(() -> add("ok", 1, "Q1-2025", null))).containsExactly("target_quarter");
        assertThat(rejectedFields(() -> add("ok", 1, null, "rejected"))).containsExactly("status");
        assertThat(rejectedFields(() -> enhancements().save(new EnhancementSave(null, null, "ok", null, 1, null, null,
                null, null)))).containsExactly("description");
        assertThat(rejectedFields(() -> enhancements().save(new EnhancementSave(null, null, "ok", "d".repeat(10_001),
                1, null, null, null, null)))).containsExactly("description");
        assertThat(rejectedFields(() -> enhancements().save(new EnhancementSave(null, null, "ok", "d", 1, null, null,
                List.of("ok", ""), "u".repeat(101))))).containsExactlyInAnyOrder("constitutional_principles[1]",
                "updated_by");
        assertThat(enhancementSnapshot()).containsExactly(before);

        for (String quarter : List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")) {
            assertThat(add("q", 1, quarter, null).targetQuarter()).isEqualTo(quarter);
        }
        assertThat(add("t".repeat(200), 5, null, null).title()).hasSize(200);
        assertThat(enhancements().save(new EnhancementSave(null, null, "long", "d".repeat(10_000), 1, null, null,
                null, null)).description()).hasSize(10_000);
        for (String status : List.of("planned", "approved", "implementing", "completed")) {
            assertThat(add("s", 1, null, status).status().wire()).isEqualTo(status);
        }
    }
}
