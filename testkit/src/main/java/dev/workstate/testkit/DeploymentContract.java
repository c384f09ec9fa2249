package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.error.ErrorCode;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.Deployment;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.EntityType;
import dev.workstate.model.Page;
import dev.workstate.model.Vendor;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemSummary;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.service.DeploymentService;
import dev.workstate.service.DeploymentView;
import dev.workstate.service.NewDeployment;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Contract of the append-only deployment log through the service: recording with links in one transaction (reference
 * scenario 4), every validation case with nothing persisted, unknown linked ids as NOT_FOUND naming the id (a bug of
 * reference §8.2), listing newest first with filters and paging, and showing one with its links resolved.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class DeploymentContract extends WorkItemSupport {
    protected static final String HASH = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    protected DeploymentService deployments() {
        return ws.deployments();
    }

    protected static Map<String, Object> metadata(int pr, String hash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pr_number", pr);
        m.put("pr_title", "Add vendor extractors");
        m.put("commit_hash", hash);
        Map<String, Object> tests = new LinkedHashMap<>();
        tests.put("unit", 150);
        tests.put("integration", 30);
        m.put("test_summary", tests);
        m.put("constitutional_compliance", true);
        return m;
    }

    private static Map<String, Object> metadataWith(Consumer<Map<String, Object>> change) {
        Map<String, Object> m = metadata(123, HASH);
        change.accept(m);
        return m;
    }

    private static List<String> ids(Object... records) {
        List<String> out = new ArrayList<>();
        for (Object r : records) {
            out.add(r instanceof Vendor v ? v.id().toString() : r instanceof WorkItem w ? w.id().toString()
                    : String.valueOf(r));
        }
        return out;
    }

    private long[] deploymentSnapshot() {
        return new long[] {store.deployments().list(new DeploymentFilter(null, null, null, Integer.MAX_VALUE, 0))
                .totalCount(), store.audit().count()};
    }

    private Deployment record(String at, int pr, String hash, List<String> vendorIds, List<String> itemIds) {
        return deployments().record(new NewDeployment(at, metadata(pr, hash), vendorIds, itemIds, null));
    }

    // ------------------------------------------------------------------ record

    @Test
    void scenario4RecordsADeploymentWithItsLinks() {
        Vendor v1 = ws.vendors().create("vendor_a", null, null);
        Vendor v2 = ws.vendors().create("vendor_b", null, null);
        Vendor v3 = ws.vendors().create("vendor_c", null, null);
        WorkItem project = create("project", "Feature 004");
        WorkItem task = child("task", "Ship it", project);
        Instant now = clock.instant();

        Deployment d = deployments().record(new NewDeployment("2025-10-10T14:30:00.123+02:00", metadata(123, HASH),
                ids(v3, v1, v2), ids(task, project), "release-bot"));

        assertThat(d.id().version()).isEqualTo(7);
        assertThat(d.deployedAt()).isEqualTo(Instant.parse("2025-10-10T12:30:00.123Z"));
        assertThat(d.commitHash()).isEqualTo(HASH);
        assertThat(d.metadata()).isEqualTo(new DeploymentMetadata(123, "Add vendor extractors", HASH,
                Map.of("unit", 150L, "integration", 30L), true));
        assertThat(d.vendorIds()).containsExactly(v3.id(), v1.id(), v2.id());
        assertThat(d.workItemIds()).containsExactly(task.id(), project.id());
        assertThat(d.createdBy()).isEqualTo("release-bot");
        assertThat(d.createdAt()).isEqualTo(now);
        assertThat(d.createdAt().atOffset(ZoneOffset.UTC).getOffset()).isEqualTo(ZoneOffset.UTC);

        assertThat(store.deployments().get(d.id())).contains(d);
        DeploymentView view = deployments().get(d.id().toString());
        assertThat(view.deployment()).isEqualTo(d);
        assertThat(view.vendors()).containsExactly(v3, v1, v2);
        assertThat(view.workItems()).extracting(WorkItemSummary::id).containsExactly(task.id(), project.id());
        assertThat(view.workItems()).extracting(WorkItemSummary::title).containsExactly("Ship it", "Feature 004");

        Map<String, Object> json = Json.toMap(view);
        assertThat(json).containsKeys("id", "deployed_at", "commit_hash", "metadata", "vendor_ids", "work_item_ids",
                "created_at", "created_by", "vendors", "work_items");

        List<AuditEvent> history = store.audit().history(EntityType.DEPLOYMENT, d.id().toString());
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("record");
            assertThat(e.actor()).isEqualTo("release-bot");
            assertThat(e.before()).isNull();
            assertThat(Json.mapper().readTree(e.after())).isEqualTo(Json.mapper().readTree(Json.write(d)));
        });
    }

    @Test
    void deploymentWithoutLinksHasEmptyLists() {
        Deployment d = record("2025-01-01T00:00:00Z", 1, HASH, null, List.of());
        assertThat(d.vendorIds()).isEmpty();
        assertThat(d.workItemIds()).isEmpty();
        DeploymentView view = deployments().get(d.id().toString());
        assertThat(view.vendors()).isEmpty();
        assertThat(view.workItems()).isEmpty();
        assertThat(deployments().list(null, null, null, null, null).items()).containsExactly(d);
    }

    @Test
    void scenario4ValidationCasesPersistNothing() {
        Vendor v = ws.vendors().create("vendor_a", null, null);
        WorkItem w = create("task", "Linked");
        long[] before = deploymentSnapshot();
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("invalid commit hash", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.put("commit_hash", "XYZ")), null, null, null))));
        cases.put("uppercase commit hash", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.put("commit_hash", HASH.toUpperCase())), null, null,
                null))));
        cases.put("negative test count", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.put("test_summary", Map.of("unit", -1))), null, null,
                null))));
        cases.put("pr_number 0", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.put("pr_number", 0)), null, null, null))));
        cases.put("empty title", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.put("pr_title", "")), null, null, null))));
        cases.put("title 201", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.put("pr_title", "t".repeat(201))), null, null, null))));
        cases.put("duplicate vendor ids", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadata(1, HASH), ids(v, v), null, null))));
        cases.put("duplicate work item ids", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadata(1, HASH), null, ids(w, w), null))));
        cases.put("missing deployed_at", rejectedFields(() -> deployments().record(new NewDeployment(
                null, metadata(1, HASH), null, null, null))));
        cases.put("bad deployed_at", rejectedFields(() -> deployments().record(new NewDeployment(
                "last tuesday", metadata(1, HASH), null, null, null))));
        cases.put("missing compliance", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.remove("constitutional_compliance")), null, null, null))));
        cases.put("string pr_number", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadataWith(m -> m.put("pr_number", "12")), null, null, null))));
        cases.put("malformed vendor id", rejectedFields(() -> deployments().record(new NewDeployment(
                "2025-01-01T00:00:00Z", metadata(1, HASH), List.of("vendor_a"), null, null))));

        assertThat(cases).containsEntry("invalid commit hash", List.of("metadata.commit_hash"))
                .containsEntry("uppercase commit hash", List.of("metadata.commit_hash"))
                .containsEntry("negative test count", List.of("metadata.test_summary.unit"))
                .containsEntry("pr_number 0", List.of("metadata.pr_number"))
                .containsEntry("empty title", List.of("metadata.pr_title"))
                .containsEntry("title 201", List.of("metadata.pr_title"))
                .containsEntry("duplicate vendor ids", List.of("vendor_ids[1]"))
                .containsEntry("duplicate work item ids", List.of("work_item_ids[1]"))
                .containsEntry("missing deployed_at", List.of("deployed_at"))
                .containsEntry("bad deployed_at", List.of("deployed_at"))
                .containsEntry("missing compliance", List.of("metadata.constitutional_compliance"))
                .containsEntry("string pr_number", List.of("metadata.pr_number"))
                .containsEntry("malformed vendor id", List.of("vendor_ids[0]"));
        assertThat(deploymentSnapshot()).containsExactly(before);

        // the bounds themselves are accepted
        Deployment ok = deployments().record(new NewDeployment("2025-01-01T00:00:00Z",
                metadataWith(m -> {
                    m.put("pr_number", 1);
                    m.put("pr_title", "t".repeat(200));
                    m.put("test_summary", Map.of("unit", 0));
                }), null, null, null));
        assertThat(ok.metadata().prTitle()).hasSize(200);
    }

    @Test
    void unknownLinkedIdsAreNotFoundNamingTheIdAndPersistNothing() {
        Vendor v = ws.vendors().create("vendor_a", null, null);
        WorkItem w = create("task", "Linked");
        String ghost = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        long[] before = deploymentSnapshot();

        WorkstateException vendorMissing = expectError(ErrorCode.NOT_FOUND, () -> deployments().record(
                new NewDeployment("2025-01-01T00:00:00Z", metadata(1, HASH), List.of(v.id().toString(), ghost),
                        ids(w), null)));
        assertThat(vendorMissing.getMessage()).contains(ghost);
        assertThat(vendorMissing.details()).containsEntry("id", ghost);

        WorkstateException itemMissing = expectError(ErrorCode.NOT_FOUND, () -> deployments().record(
                new NewDeployment("2025-01-01T00:00:00Z", metadata(1, HASH), ids(v), List.of(ghost), null)));
        assertThat(itemMissing.getMessage()).contains(ghost);

        // a vendor id is not a work-item id, and the other way round
        expectError(ErrorCode.NOT_FOUND, () -> deployments().record(new NewDeployment("2025-01-01T00:00:00Z",
                metadata(1, HASH), ids(w), null, null)));
        expectError(ErrorCode.NOT_FOUND, () -> deployments().record(new NewDeployment("2025-01-01T00:00:00Z",
                metadata(1, HASH), null, ids(v), null)));

        assertThat(deploymentSnapshot()).containsExactly(before);
        expectError(ErrorCode.NOT_FOUND, () -> deployments().get(ghost));
    }

    // ------------------------------------------------------------------ list

    @Test
    void listIsNewestFirstWithDefaultLimitTen() {
        List<Deployment> recorded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            recorded.add(record(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * ((i * 5) % 12))
                    .toString(), 100 + i, HASH, null, null));
        }
        List<Deployment> newestFirst = recorded.stream()
                .sorted((a, b) -> b.deployedAt().compareTo(a.deployedAt())).toList();
        Page<Deployment> page = deployments().list(null, null, null, null, null);
        assertThat(page.items()).containsExactlyElementsOf(newestFirst.subList(0, 10));
        assertThat(page.totalCount()).isEqualTo(12);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.limit()).isEqualTo(10);
        Page<Deployment> rest = deployments().list(5, 10, null, null, null);
        assertThat(rest.items()).containsExactlyElementsOf(newestFirst.subList(10, 12));
        assertThat(rest.hasMore()).isFalse();
    }

    @Test
    void sameInstantIsOrderedByIdDescending() {
        Deployment first = record("2025-01-01T00:00:00Z", 1, HASH, null, null);
        Deployment second = record("2025-01-01T00:00:00Z", 2, HASH, null, null);
        assertThat(deployments().list(10, 0, null, null, null).items()).containsExactly(second, first);
    }

    @Test
    void listFiltersByVendorWorkItemAndCommit() {
        Vendor a = ws.vendors().create("vendor_a", null, null);
        Vendor b = ws.vendors().create("vendor_b", null, null);
        WorkItem w = create("task", "Linked");
        String other = "0".repeat(40);
        Deployment d1 = record("2025-01-01T00:00:00Z", 1, HASH, ids(a), ids(w));
        Deployment d2 = record("2025-01-02T00:00:00Z", 2, other, ids(a, b), null);
        Deployment d3 = record("2025-01-03T00:00:00Z", 3, other, null, ids(w));

        assertThat(deployments().list(null, null, a.id().toString(), null, null).items()).containsExactly(d2, d1);
        assertThat(deployments().list(null, null, b.id().toString(), null, null).items()).containsExactly(d2);
        assertThat(deployments().list(null, null, null, w.id().toString(), null).items()).containsExactly(d3, d1);
        assertThat(deployments().list(null, null, null, null, other).items()).containsExactly(d3, d2);
        assertThat(deployments().list(null, null, null, null, HASH).items()).containsExactly(d1);
        assertThat(deployments().list(null, null, a.id().toString(), w.id().toString(), HASH).items())
                .containsExactly(d1);
        Page<Deployment> none = deployments().list(null, null, UUID.randomUUID().toString(), null, null);
        assertThat(none.items()).isEmpty();
        assertThat(none.totalCount()).isZero();
        assertThat(deployments().list(1, 0, a.id().toString(), null, null).totalCount()).isEqualTo(2);
    }

    @Test
    void listBounds() {
        assertThat(rejectedFields(() -> deployments().list(0, null, null, null, null))).containsExactly("limit");
        assertThat(rejectedFields(() -> deployments().list(101, null, null, null, null))).containsExactly("limit");
        assertThat(rejectedFields(() -> deployments().list(null, -1, null, null, null))).containsExactly("offset");
        assertThat(rejectedFields(() -> deployments().list(null, null, "x", "y", "HEAD")))
                .containsExactlyInAnyOrder("vendor_id", "work_item_id", "commit_hash");
        assertThat(deployments().list(100, 0, null, null, null).items()).isEmpty();
        assertThat(rejectedFields(() -> deployments().get("not-an-id"))).containsExactly("id");
    }
}
