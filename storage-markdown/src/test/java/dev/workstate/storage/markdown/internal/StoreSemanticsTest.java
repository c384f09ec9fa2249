package dev.workstate.storage.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.error.DuplicateException;
import dev.workstate.error.NotFoundException;
import dev.workstate.error.VersionConflictException;
import dev.workstate.model.Deployment;
import dev.workstate.model.EntityType;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Mutation;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.SyncConflict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store-level semantics the services rely on, checked directly and across a reopen from disk. */
class StoreSemanticsTest {
    @TempDir
    Path tmp;

    private MarkdownStore open() {
        return MarkdownStore.open(tmp.resolve("markdown"), "t", false);
    }

    @Test
    void firstOpenSeedsTheConfigurationAndStatusDescribesTheLayer() {
        try (MarkdownStore s = open()) {
            assertThat(s.configuration().get().version()).isEqualTo(1);
            assertThat(Files.exists(tmp.resolve("markdown/configuration.md"))).isTrue();
            StorageStatus st = s.status();
            assertThat(st.primary()).isEqualTo("markdown");
            assertThat(st.layers()).singleElement().satisfies(l -> {
                assertThat(l.name()).isEqualTo("markdown");
                assertThat(l.healthy()).isTrue();
                assertThat(l.location()).isEqualTo("markdown/").isEqualTo(s.location());
                assertThat(l.reason()).isNull();
            });
        }
    }

    @Test
    void versionedUpdatesAreCompareAndSet() {
        try (MarkdownStore s = open()) {
            WorkItem w = TestItems.create(s, "v1", null);
            WorkItem v2 = w.toBuilder().title("v2").version(2).build();
            s.apply(new Mutation.UpdateWorkItem(v2, 1));
            assertThatThrownBy(() -> s.apply(new Mutation.UpdateWorkItem(w.toBuilder().title("stale").version(2)
                    .build(), 1)))
                    .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                        assertThat(e.currentVersion()).isEqualTo(2);
                        assertThat(e.current()).isEqualTo(v2);
                    });
            WorkItem ghost = TestItems.newItem("ghost", null);
            assertThatThrownBy(() -> s.apply(new Mutation.UpdateWorkItem(ghost, 1)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> s.apply(new Mutation.InsertWorkItem(w))).isInstanceOf(DuplicateException.class);
        }
    }

    @Test
    void vendorNamesAreUniqueIgnoringCaseAndDeploymentLinksMustExist() {
        try (MarkdownStore s = open()) {
            Vendor v = Samples.vendor();
            s.apply(new Mutation.InsertVendor(v));
            Vendor other = new Vendor(UUID.randomUUID(), 1, "acme CORP", v.status(), v.extractorVersion(),
                    v.metadata(), v.createdAt(), v.updatedAt(), "t", "t");
            assertThatThrownBy(() -> s.apply(new Mutation.InsertVendor(other)))
                    .isInstanceOf(DuplicateException.class).hasMessageContaining("acme CORP");
            assertThat(s.vendors().findByName("ACME corp")).contains(v);

            UUID unknown = UUID.randomUUID();
            Deployment d = Samples.deployment();
            Deployment bad = new Deployment(d.id(), d.deployedAt(), d.commitHash(), d.metadata(),
                    List.of(v.id(), unknown), List.of(), d.createdAt(), d.createdBy());
            assertThatThrownBy(() -> s.apply(new Mutation.InsertDeployment(bad)))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown.toString());
            assertThat(s.deployments().get(d.id())).isEmpty();
        }
    }

    @Test
    void aFailedTransactionLeavesNothingInMemoryOrOnDisk() {
        WorkItem kept;
        WorkItem discarded = TestItems.newItem("discarded", null);
        try (MarkdownStore s = open()) {
            kept = TestItems.create(s, "kept", null);
            assertThatThrownBy(() -> s.inTransaction(() -> {
                s.apply(new Mutation.InsertWorkItem(discarded));
                s.inTransaction(() -> s.apply(new Mutation.UpdateWorkItem(kept.toBuilder().title("changed")
                        .version(2).build(), 1)));
                s.apply(new Mutation.AppendAudit(TestItems.event(discarded, "create")));
                assertThat(s.workItems().get(discarded.id())).as("read your own writes").isPresent();
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(s.workItems().get(discarded.id())).isEmpty();
            assertThat(s.workItems().get(kept.id())).contains(kept);
            assertThat(s.audit().count()).isEqualTo(1);
        }
        try (MarkdownStore s = open()) {
            assertThat(s.workItems().get(discarded.id())).isEmpty();
            assertThat(s.workItems().get(kept.id())).contains(kept);
            assertThat(s.audit().history(EntityType.WORK_ITEM, kept.id().toString())).hasSize(1);
        }
        assertThat(Files.exists(tmp.resolve("markdown").resolve(Layout.workItem(discarded.id())))).isFalse();
    }

    @Test
    void outboxAndConflictsPersist() {
        WorkItem w = TestItems.newItem("queued", null);
        UUID conflictId = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        try (MarkdownStore s = open()) {
            s.inTransaction(() -> {
                s.outbox().append(new Mutation.InsertWorkItem(w), at);
                s.outbox().append(new Mutation.ClaimWorkItem(w.id(), "a", at.plusSeconds(60), at), at);
                return null;
            });
            s.outbox().recordConflict(new SyncConflict(conflictId, "work_item", w.id().toString(), 1, 2, at,
                    "{\"mine\":1}", "{\"theirs\":2}", new Mutation.InsertWorkItem(w)));
        }
        try (MarkdownStore s = open()) {
            assertThat(s.outbox().size()).isEqualTo(2);
            assertThat(s.outbox().pending(10)).extracting(e -> e.mutation().getClass().getSimpleName())
                    .containsExactly("InsertWorkItem", "ClaimWorkItem");
            assertThat(s.outbox().pending(10).get(0).mutation()).isEqualTo(new Mutation.InsertWorkItem(w));
            assertThat(s.status().pendingOutbox()).isEqualTo(2);
            assertThat(s.outbox().conflict(conflictId)).hasValueSatisfying(c -> {
                assertThat(c.theirs()).isEqualTo("{\"theirs\":2}");
                assertThat(c.mutation()).isEqualTo(new Mutation.InsertWorkItem(w));
            });
            s.outbox().remove(s.outbox().pending(1).get(0).seq());
            s.outbox().removeConflict(conflictId);
        }
        try (MarkdownStore s = open()) {
            assertThat(s.outbox().size()).isEqualTo(1);
            assertThat(s.outbox().conflicts()).isEmpty();
        }
    }

    @Test
    void claimsAreConditionalAndSurviveUpdates() {
        try (MarkdownStore s = open()) {
            WorkItem w = TestItems.create(s, "claimable", null);
            Instant now = Instant.parse("2026-11-26T12:00:00Z");
            assertThat(s.apply(new Mutation.ClaimWorkItem(w.id(), "a", now.plusSeconds(60), now))).isTrue();
            assertThat(s.apply(new Mutation.ClaimWorkItem(w.id(), "b", now.plusSeconds(60), now))).isFalse();
            assertThat(s.apply(new Mutation.ClaimWorkItem(w.id(), "b", now.plusSeconds(200), now.plusSeconds(60))))
                    .as("an expired lease is free").isTrue();
            s.apply(new Mutation.UpdateWorkItem(w.toBuilder().title("renamed").version(2).build(), 1));
            assertThat(s.workItems().get(w.id()).orElseThrow().claimedBy()).isEqualTo("b");
            assertThat(s.apply(new Mutation.ReleaseClaim(w.id(), "a"))).isFalse();
            assertThat(s.apply(new Mutation.ReleaseClaim(w.id(), "b"))).isTrue();
        }
    }

    @Test
    void aHandleReloadsWhenAnotherCheckpointedEntriesItNeverSaw() {
        try (MarkdownStore a = open()) {
            WorkItem x;
            try (MarkdownStore b = open()) {
                x = TestItems.create(b, "written by b", null);
            }
            // b's close emptied the journal: a cannot catch up entry by entry and must reload the files
            assertThat(a.workItems().get(x.id())).contains(x);
            assertThat(a.audit().history(EntityType.WORK_ITEM, x.id().toString())).hasSize(1);
            WorkItem y = TestItems.create(a, "written by a", null);
            assertThat(a.workItems().count()).isEqualTo(2);
            assertThat(a.workItems().get(y.id())).contains(y);
        }
        try (MarkdownStore c = open()) {
            assertThat(c.workItems().count()).isEqualTo(2);
            assertThat(c.audit().count()).isEqualTo(2);
        }
    }
}
