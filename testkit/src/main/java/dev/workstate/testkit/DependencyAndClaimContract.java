package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.error.DependencyCycleException;
import dev.workstate.error.ErrorCode;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.EntityType;
import dev.workstate.model.WorkItem;
import dev.workstate.service.ClaimResult;
import dev.workstate.service.WorkItemQuery;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Contract of dependency links (blocks / depends_on, self-link and cycle rejection, duplicates, removal), the ready
 * view, and claims with leases (claim, renew, release, expiry, and exactly one winner among many concurrent claimers).
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class DependencyAndClaimContract extends WorkItemSupport {

    private Dependency link(WorkItem source, WorkItem target, String type) {
        return items().link(source.id().toString(), target.id().toString(), type, "linker", false);
    }

    /** The item's readiness; asserted to be the same whether or not the query also returns its dependencies. */
    private boolean ready(WorkItem w) {
        boolean alone = items().query(w.id().toString(), false, false, null, false).ready();
        boolean withLinks = items().query(w.id().toString(), true, true, null, false).ready();
        assertThat(withLinks).as("readiness of %s with its links and hierarchy", w.title()).isEqualTo(alone);
        return alone;
    }

    /** The ready list's ids; its total_count (a separate count statement in the SQL stores) must agree with them. */
    private List<UUID> readyIds(String viewer) {
        var page = items().list(new WorkItemQuery(null, null, null, false, true, null, false, false, 100, 0, viewer));
        List<UUID> ids = page.items().stream().map(WorkItem::id).toList();
        assertThat(page.totalCount()).as("total_count of the ready list").isEqualTo(ids.size());
        return ids;
    }

    // ------------------------------------------------------------------ links

    @Test
    void blocksAndDependsOnDecideReadiness() {
        WorkItem a = create("task", "A");
        WorkItem b = create("task", "B");
        WorkItem c = create("task", "C");
        WorkItem d = create("task", "D");
        Dependency ab = link(a, b, "blocks");
        assertThat(ab.sourceId()).isEqualTo(a.id());
        assertThat(ab.targetId()).isEqualTo(b.id());
        assertThat(ab.dependencyType()).isEqualTo(DependencyType.BLOCKS);
        assertThat(ab.createdBy()).isEqualTo("linker");
        assertThat(ab.createdAt()).isEqualTo(clock.instant());
        link(c, d, "depends_on");

        assertThat(items().query(b.id().toString(), false, true, null, false).dependencies()).containsExactly(ab);
        assertThat(items().query(a.id().toString(), false, true, null, false).dependencies()).containsExactly(ab);
        assertThat(store.workItems().waitsOn(b.id())).containsExactly(a.id());
        assertThat(store.workItems().waitsOn(c.id())).containsExactly(d.id());

        assertThat(ready(a)).isTrue();
        assertThat(ready(b)).as("blocked by active A").isFalse();
        assertThat(ready(c)).as("depends on active D").isFalse();
        assertThat(ready(d)).isTrue();
        assertThat(readyIds(null)).containsExactlyInAnyOrder(a.id(), d.id());

        items().update(Fixtures.update(a.id(), 1).status("blocked").build());
        assertThat(ready(b)).as("a blocked blocker still blocks").isFalse();
        items().update(Fixtures.update(a.id(), 2).status("completed").build());
        assertThat(ready(b)).isTrue();
        items().update(Fixtures.update(d.id(), 1).deletedAt("NOW()").build());
        assertThat(ready(c)).as("a deleted prerequisite no longer holds anything up").isTrue();
        assertThat(readyIds(null)).containsExactlyInAnyOrder(b.id(), c.id());

        items().update(Fixtures.update(c.id(), 1).status("blocked").build());
        items().update(Fixtures.update(b.id(), 1).deletedAt("NOW()").build());
        assertThat(readyIds(null)).isEmpty();
        assertThat(ready(c)).isFalse();
    }

    @Test
    void selfLinksAndCyclesAreRejectedWithThePath() {
        WorkItem a = create("task", "A");
        WorkItem b = create("task", "B");
        WorkItem c = create("task", "C");
        long[] before = snapshot();
        DependencyCycleException self = (DependencyCycleException) expectError(ErrorCode.DEPENDENCY_CYCLE,
                () -> link(a, a, "blocks"));
        assertThat(self.details().get("cycle")).isEqualTo(List.of(a.id().toString(), a.id().toString()));
        assertUnchanged(before);

        link(a, b, "blocks");                    // b waits on a
        link(b, c, "blocks");                    // c waits on b
        long[] linked = snapshot();
        DependencyCycleException cyc = (DependencyCycleException) expectError(ErrorCode.DEPENDENCY_CYCLE,
                () -> link(c, a, "blocks"));     // a would wait on c
        assertThat(cyc.details().get("cycle")).isEqualTo(List.of(a.id().toString(), c.id().toString(),
                b.id().toString(), a.id().toString()));
        expectError(ErrorCode.DEPENDENCY_CYCLE, () -> link(a, c, "depends_on"));  // a waits on c
        expectError(ErrorCode.DEPENDENCY_CYCLE, () -> link(b, a, "blocks"));      // a waits on b
        expectError(ErrorCode.DEPENDENCY_CYCLE, () -> link(a, b, "depends_on"));  // a waits on b
        assertUnchanged(linked);
        assertThat(store.workItems().dependenciesOf(a.id())).hasSize(1);

        link(c, a, "depends_on");                // c waits on a as well: no cycle, just a shortcut
        assertThat(store.workItems().waitsOn(c.id())).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    void duplicatesRemovalAndUnknownIds() {
        WorkItem a = create("task", "A");
        WorkItem b = create("task", "B");
        link(a, b, "blocks");
        long[] before = snapshot();
        expectError(ErrorCode.DUPLICATE, () -> link(a, b, "blocks"));
        expectError(ErrorCode.DUPLICATE, () -> link(b, a, "depends_on"));   // the same "b waits on a"
        assertUnchanged(before);

        String unknown = UUID.randomUUID().toString();
        expectError(ErrorCode.NOT_FOUND, () -> items().link(a.id().toString(), unknown, "blocks", null, false));
        expectError(ErrorCode.NOT_FOUND, () -> items().link(unknown, a.id().toString(), "blocks", null, false));
        expectError(ErrorCode.NOT_FOUND, () -> items().link(a.id().toString(), b.id().toString(), "depends_on",
                null, true));
        assertThat(rejectedFields(() -> items().link(a.id().toString(), "x", "requires", null, false)))
                .containsExactlyInAnyOrder("target_id", "dependency_type");
        assertUnchanged(before);

        Dependency removed = items().link(a.id().toString(), b.id().toString(), "blocks", "remover", true);
        assertThat(removed.sourceId()).isEqualTo(a.id());
        assertThat(store.workItems().dependenciesOf(a.id())).isEmpty();
        assertThat(ready(b)).isTrue();
        expectError(ErrorCode.NOT_FOUND, () -> items().link(a.id().toString(), b.id().toString(), "blocks", null,
                true));
        link(b, a, "blocks");
        assertThat(ready(a)).isFalse();

        String key = a.id() + ":" + b.id() + ":blocks";
        List<AuditEvent> events = store.audit().history(EntityType.DEPENDENCY, key);
        assertThat(events).extracting(AuditEvent::operation).containsExactly("link", "unlink");
        assertThat(events).extracting(AuditEvent::actor).containsExactly("linker", "remover");
        assertThat(events.get(0).before()).isNull();
        assertThat(events.get(0).after()).contains(a.id().toString());
        assertThat(events.get(1).after()).isNull();
    }

    @Test
    void concurrentLinksNeverDuplicateOrCloseACycle() throws Exception {
        for (int round = 0; round < 5; round++) {
            WorkItem a = create("task", "A" + round);
            WorkItem b = create("task", "B" + round);
            // eight clients write "b waits on a" (both spellings) while two write "a waits on b"
            List<Object> results = race(10, i -> () -> switch (i % 5) {
                case 0, 1 -> link(a, b, "blocks");
                case 2, 3 -> link(b, a, "depends_on");
                default -> i == 4 ? link(b, a, "blocks") : link(a, b, "depends_on");
            });
            List<Object> wins = results.stream().filter(Dependency.class::isInstance).toList();
            assertThat(wins).as("round %d: %s", round, results).hasSize(1);
            assertThat(results).filteredOn(r -> !(r instanceof Dependency)).allSatisfy(r -> {
                assertThat(r).isInstanceOf(dev.workstate.error.WorkstateException.class);
                assertThat(((dev.workstate.error.WorkstateException) r).code())
                        .isIn(ErrorCode.DUPLICATE, ErrorCode.DEPENDENCY_CYCLE);
            });
            assertThat(store.workItems().dependenciesOf(a.id())).hasSize(1);
            assertThat(ready(a) ^ ready(b)).as("exactly one of them waits").isTrue();
        }
    }

    // ------------------------------------------------------------------ claims

    @Test
    void claimRenewAndReleaseDoNotChangeTheVersion() {
        WorkItem w = create("task", "Claimable");
        ClaimResult first = items().claim(w.id().toString(), "agent-1", null, null);
        assertThat(first.granted()).isTrue();
        assertThat(first.action()).isEqualTo("claim");
        assertThat(first.claimedBy()).isEqualTo("agent-1");
        assertThat(first.claimExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(first.item().version()).isEqualTo(1);
        WorkItem held = reload(w);
        assertThat(held.claimedBy()).isEqualTo("agent-1");
        assertThat(held.claimExpiresAt()).isEqualTo(first.claimExpiresAt());
        assertThat(held.version()).isEqualTo(1);

        ClaimResult other = items().claim(w.id().toString(), "agent-2", "claim", 10);
        assertThat(other.granted()).isFalse();
        assertThat(other.claimedBy()).isEqualTo("agent-1");
        assertThat(items().claim(w.id().toString(), "agent-2", "renew", 10).granted()).isFalse();
        assertThat(items().claim(w.id().toString(), "agent-2", "release", null).granted()).isFalse();

        clock.advance(Duration.ofMinutes(20));
        ClaimResult renewed = items().claim(w.id().toString(), "agent-1", "renew", 90);
        assertThat(renewed.granted()).isTrue();
        assertThat(renewed.claimExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(90)));

        // a content update keeps the lease
        WorkItem updated = items().update(Fixtures.update(w.id(), 1).title("Claimed and edited").build());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(reload(w).claimedBy()).isEqualTo("agent-1");
        assertThat(reload(w).claimExpiresAt()).isEqualTo(renewed.claimExpiresAt());

        ClaimResult released = items().claim(w.id().toString(), "agent-1", "release", null);
        assertThat(released.granted()).isTrue();
        assertThat(released.claimedBy()).isNull();
        assertThat(reload(w).claimedBy()).isNull();
        assertThat(reload(w).version()).isEqualTo(2);
        assertThat(items().claim(w.id().toString(), "agent-1", "release", null).granted()).isFalse();
        assertThat(items().claim(w.id().toString(), "agent-1", "renew", null).granted())
                .as("renew after release: nothing to renew").isFalse();

        assertThat(items().history(w.id().toString())).extracting(AuditEvent::operation)
                .containsExactly("create", "claim", "renew", "update", "release");
        assertThat(rejectedFields(() -> items().claim(w.id().toString(), "a", "claim", 0)))
                .containsExactly("lease_minutes");
        assertThat(rejectedFields(() -> items().claim(w.id().toString(), "a", "grab", 1441)))
                .containsExactlyInAnyOrder("action", "lease_minutes");
        expectError(ErrorCode.NOT_FOUND, () -> items().claim(UUID.randomUUID().toString(), "a", null, null));
    }

    @Test
    void anExpiredLeaseFreesTheItem() {
        WorkItem w = create("task", "Lease");
        assertThat(items().claim(w.id().toString(), "agent-1", "claim", 1).granted()).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(items().claim(w.id().toString(), "agent-2", "claim", 5).granted()).isFalse();
        assertThat(readyIds("agent-2")).doesNotContain(w.id());
        assertThat(readyIds("agent-1")).contains(w.id());
        clock.advance(Duration.ofSeconds(1));
        assertThat(readyIds("agent-2")).as("expired at exactly the lease end").contains(w.id());
        ClaimResult taken = items().claim(w.id().toString(), "agent-2", "claim", 5);
        assertThat(taken.granted()).isTrue();
        assertThat(taken.claimedBy()).isEqualTo("agent-2");
        assertThat(items().claim(w.id().toString(), "agent-1", "renew", null).granted()).isFalse();
        assertThat(readyIds("agent-1")).doesNotContain(w.id());
        assertThat(readyIds("agent-2")).contains(w.id());
    }

    @Test
    void deletedOrArchivedItemsCannotBeClaimed() {
        WorkItem w = create("task", "Gone");
        items().update(Fixtures.update(w.id(), 1).deletedAt("NOW()").build());
        long[] before = snapshot();
        assertThat(rejectedFields(() -> items().claim(w.id().toString(), "a", null, null))).containsExactly("id");
        assertUnchanged(before);
    }

    @Test
    void thirtyTwoConcurrentClaimersExactlyOneWinsEveryRound() throws Exception {
        int claimers = 32;
        int rounds = 50;
        WorkItem w = create("task", "Contended");
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Object> results = race(pool, claimers,
                        i -> () -> items().claim(w.id().toString(), "agent-" + i, "claim", 5));
                List<ClaimResult> granted = results.stream().filter(ClaimResult.class::isInstance)
                        .map(ClaimResult.class::cast).filter(ClaimResult::granted).toList();
                assertThat(results).as("round %d", round).allSatisfy(r -> assertThat(r).isInstanceOf(ClaimResult.class));
                assertThat(granted).as("winners in round %d", round).hasSize(1);
                String winner = granted.get(0).claimedBy();
                assertThat(results).allSatisfy(r -> assertThat(((ClaimResult) r).claimedBy()).isEqualTo(winner));
                assertThat(reload(w).claimedBy()).isEqualTo(winner);
                assertThat(items().claim(w.id().toString(), winner, "release", null).granted()).isTrue();
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reload(w).version()).isEqualTo(1);
        assertThat(items().history(w.id().toString())).hasSize(1 + 2 * rounds);
    }
}
