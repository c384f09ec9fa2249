package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.DuplicateException;
import dev.workstate.error.ErrorCode;
import dev.workstate.error.VersionConflictException;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.EntityType;
import dev.workstate.model.FormatSupport;
import dev.workstate.model.Page;
import dev.workstate.model.TestResults;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.service.VendorService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract of vendors through the service: creation with complete defaults, case-insensitive lookup and uniqueness
 * (race-safe), status filter and paging, versioned merge updates, audit events; reference scenario 1 and the vendor bugs
 * of reference §8.2 (lookup case-sensitive, defaults incomplete so partial updates fail, extractor_version column not
 * updated, updated_by not stored).
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class VendorContract extends WorkItemSupport {

    protected VendorService vendors() {
        return ws.vendors();
    }

    /** Scenario 1 metadata: excel and csv, 10/12 tests with 2 skipped, version 1.2.3, manifest compliant. */
    protected static Map<String, Object> scenarioMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_support", Map.of("excel", true, "csv", true, "pdf", false, "ocr", false));
        m.put("test_results", Map.of("passing", 10, "total", 12, "skipped", 2));
        m.put("extractor_version", "1.2.3");
        m.put("manifest_compliant", true);
        return m;
    }

    private long[] vendorSnapshot() {
        return new long[] {store.vendors().list(null, Integer.MAX_VALUE, 0).totalCount(), store.audit().count()};
    }

    // ------------------------------------------------------------------ create

    @Test
    void createStartsBrokenAtVersionOneWithCompleteDefaults() {
        Instant now = clock.instant();
        Vendor v = vendors().create("vendor_abc", null, null);

        assertThat(v.version()).isEqualTo(1);
        assertThat(v.name()).isEqualTo("vendor_abc");
        assertThat(v.status()).isEqualTo(VendorStatus.BROKEN);
        assertThat(v.extractorVersion()).isEqualTo("0.0.0");
        assertThat(v.metadata()).isEqualTo(VendorMetadata.DEFAULTS);
        assertThat(v.metadata()).isEqualTo(new VendorMetadata(new FormatSupport(false, false, false, false),
                new TestResults(0, 0, 0), "0.0.0", false));
        assertThat(v.createdAt()).isEqualTo(now);
        assertThat(v.updatedAt()).isEqualTo(now);
        assertThat(v.createdBy()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);
        assertThat(v.updatedBy()).isEqualTo(WorkstateConfig.DEFAULT_CLIENT);
        assertThat(v.id().version()).isEqualTo(7);
        assertThat(store.vendors().get(v.id())).contains(v);
        assertThat(vendors().get("vendor_abc")).isEqualTo(v);
    }

    @Test
    void createMergesPartialMetadataOverTheDefaults() {
        Vendor v = vendors().create("acme", Map.of("format_support", Map.of("pdf", true), "extractor_version", "2.0.1"),
                "claude-desktop");
        assertThat(v.metadata()).isEqualTo(new VendorMetadata(new FormatSupport(false, false, true, false),
                TestResults.NONE, "2.0.1", false));
        assertThat(v.extractorVersion()).as("column kept equal to metadata").isEqualTo("2.0.1");
        assertThat(v.createdBy()).isEqualTo("claude-desktop");
        assertThat(v.status()).isEqualTo(VendorStatus.BROKEN);
        assertThat(vendors().get("acme")).isEqualTo(v);
    }

    @Test
    void createIsAudited() {
        Vendor v = vendors().create("audited", scenarioMetadata(), "agent-1");
        List<AuditEvent> history = store.audit().history(EntityType.VENDOR, v.id().toString());
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("create");
            assertThat(e.actor()).isEqualTo("agent-1");
            assertThat(e.at()).isEqualTo(v.createdAt());
            assertThat(e.before()).isNull();
            assertThat(Json.mapper().readTree(e.after())).isEqualTo(Json.mapper().readTree(Json.write(v)));
        });
    }

    @Test
    void invalidCreateListsEveryFieldAndWritesNothing() {
        long[] before = vendorSnapshot();
        List<String> fields = rejectedFields(() -> vendors().create("bad.name!", Map.of("format_support",
                Map.of("excel", "yes"), "test_results", Map.of("passing", 5, "total", 3), "color", "blue"),
                "x".repeat(101)));
        assertThat(fields).containsExactlyInAnyOrder("name", "metadata.format_support.excel", "metadata.color",
                "created_by");
        assertThat(rejectedFields(() -> vendors().create("ok", Map.of("test_results",
                Map.of("passing", 5, "total", 3)), null))).containsExactly("metadata.test_results");
        assertThat(rejectedFields(() -> vendors().create("n".repeat(101), null, null))).containsExactly("name");
        assertThat(rejectedFields(() -> vendors().create("   ", null, null))).containsExactly("name");
        assertThat(vendorSnapshot()).containsExactly(before);
        assertThat(vendors().create("n".repeat(100), null, null).name()).hasSize(100);
    }

    @Test
    void duplicateNamesAreRejectedIgnoringCaseAndNameTheExistingVendor() {
        Vendor existing = vendors().create("Vendor_ABC", null, null);
        long[] before = vendorSnapshot();
        for (String name : List.of("Vendor_ABC", "vendor_abc", "VENDOR_ABC")) {
            WorkstateException e = expectError(ErrorCode.DUPLICATE, () -> vendors().create(name, null, null));
            assertThat(e).isInstanceOf(DuplicateException.class);
            assertThat(e.getMessage()).contains("Vendor_ABC");
            assertThat(e.details()).containsEntry("existing_id", existing.id().toString());
        }
        assertThat(vendorSnapshot()).containsExactly(before);
    }

    @Test
    void concurrentCreatesOfTheSameNameHaveExactlyOneWinner() throws Exception {
        int n = 6;
        List<Object> results = race(n, i -> () -> vendors().create(i % 2 == 0 ? "racer" : "RACER", null, "client-" + i));
        List<Vendor> winners = results.stream().filter(Vendor.class::isInstance).map(Vendor.class::cast).toList();
        assertThat(winners).hasSize(1);
        assertThat(results.stream().filter(r -> !(r instanceof Vendor)).toList()).hasSize(n - 1)
                .allSatisfy(r -> {
                    assertThat(r).isInstanceOf(DuplicateException.class);
                    assertThat(((DuplicateException) r).details())
                            .containsEntry("existing_id", winners.get(0).id().toString());
                });
        assertThat(store.vendors().list(null, 100, 0).items()).singleElement().isEqualTo(winners.get(0));
        assertThat(store.audit().history(EntityType.VENDOR, winners.get(0).id().toString())).hasSize(1);
    }

    // ------------------------------------------------------------------ lookup and list

    @Test
    void lookupIgnoresCase() {
        Vendor v = vendors().create("Vendor_Mixed Case-1", null, null);
        assertThat(vendors().get("vendor_mixed case-1")).isEqualTo(v);
        assertThat(vendors().get("VENDOR_MIXED CASE-1")).isEqualTo(v);
        assertThat(store.vendors().findByName("vEnDoR_mIxEd CaSe-1")).contains(v);
    }

    @Test
    void unknownNameIsNotFound() {
        vendors().create("known", null, null);
        WorkstateException e = expectError(ErrorCode.NOT_FOUND, () -> vendors().get("vendor_unknown"));
        assertThat(e.getMessage()).contains("vendor_unknown");
        expectError(ErrorCode.NOT_FOUND, () -> vendors().update("vendor_unknown", 1L, "operational", null, null));
        assertThat(rejectedFields(() -> vendors().get(""))).containsExactly("name");
    }

    @Test
    void listFiltersByStatusAndPagesInNameOrder() {
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            vendors().create(name, null, null);
        }
        vendors().update("charlie", 1L, "operational", null, null);
        vendors().update("Alpha", 1L, "operational", null, null);

        Page<Vendor> all = vendors().list(null, null, null);
        assertThat(all.items()).extracting(Vendor::name).containsExactly("Alpha", "Bravo", "charlie", "delta", "echo");
        assertThat(all.totalCount()).isEqualTo(5);
        assertThat(all.hasMore()).isFalse();
        assertThat(all.limit()).isEqualTo(50);

        Page<Vendor> page = vendors().list(null, 2, 2);
        assertThat(page.items()).extracting(Vendor::name).containsExactly("charlie", "delta");
        assertThat(page.totalCount()).isEqualTo(5);
        assertThat(page.hasMore()).isTrue();

        assertThat(vendors().list("operational", null, null).items()).extracting(Vendor::name)
                .containsExactly("Alpha", "charlie");
        Page<Vendor> broken = vendors().list("broken", 100, 0);
        assertThat(broken.items()).extracting(Vendor::name).containsExactly("Bravo", "delta", "echo");
        assertThat(broken.totalCount()).isEqualTo(3);

        assertThat(rejectedFields(() -> vendors().list("up", null, null))).containsExactly("status");
        assertThat(rejectedFields(() -> vendors().list(null, 0, null))).containsExactly("limit");
        assertThat(rejectedFields(() -> vendors().list(null, 101, null))).containsExactly("limit");
        assertThat(rejectedFields(() -> vendors().list(null, 10, -1))).containsExactly("offset");
        assertThat(vendors().list(null, 100, 0).items()).hasSize(5);
    }

    @Test
    void scenario1VendorHealthQuery() {
        for (int i = 1; i <= 45; i++) {
            String name = String.format("vendor_%02d", i);
            vendors().create(name, scenarioMetadata(), "seed");
            if (i <= 36) {
                vendors().update(name, 1L, "operational", null, "seed");
            }
        }
        for (int i = 0; i < 100; i++) {
            Vendor v = vendors().get("vendor_" + String.format("%02d", 1 + i % 45));
            assertThat(v.id()).isNotNull();
            assertThat(v.version()).isGreaterThanOrEqualTo(1);
            assertThat(v.status()).isIn(VendorStatus.OPERATIONAL, VendorStatus.BROKEN);
            assertThat(v.extractorVersion()).isNotEmpty().isEqualTo("1.2.3");
            assertThat(Json.toMap(v.metadata()).keySet()).containsExactlyInAnyOrder("format_support",
                    "test_results", "extractor_version", "manifest_compliant");
            assertThat(v.metadata().testResults().passing()).isGreaterThanOrEqualTo(0);
            assertThat(v.metadata().testResults().total()).isGreaterThanOrEqualTo(0);
            assertThat(v.metadata().testResults().skipped()).isGreaterThanOrEqualTo(0);
        }
        Map<String, Object> json = Json.toMap(vendors().get("vendor_01"));
        assertThat(json.keySet()).contains("id", "version", "name", "status", "extractor_version", "metadata",
                "created_at", "updated_at", "created_by", "updated_by");
        assertThat(vendors().list("operational", 100, 0).totalCount()).isEqualTo(36);
        assertThat(vendors().list("broken", 100, 0).totalCount()).isEqualTo(9);
        assertThat(vendors().list(null, 100, 0).items()).hasSize(45);
        expectError(ErrorCode.NOT_FOUND, () -> vendors().get("vendor_46"));
    }

    // ------------------------------------------------------------------ update

    @Test
    void partialMetadataUpdateOfAFreshVendorWorks() {
        vendors().create("fresh", null, null);
        Vendor v = vendors().update("fresh", 1L, null, Map.of("test_results", Map.of("passing", 45, "total", 50)),
                "ci");
        assertThat(v.metadata()).isEqualTo(new VendorMetadata(FormatSupport.NONE, new TestResults(45, 50, 0), "0.0.0",
                false));
        assertThat(v.status()).isEqualTo(VendorStatus.BROKEN);
        assertThat(v.version()).isEqualTo(2);
    }

    @Test
    void updateMergesNestedKeysAndKeepsTheExtractorVersionColumnInStep() {
        Vendor created = vendors().create("merge", scenarioMetadata(), "seed");
        clock.advance(Duration.ofSeconds(5));
        Instant later = clock.instant();
        Vendor v = vendors().update("MERGE", 1L, "operational", Map.of("format_support", Map.of("pdf", true),
                "extractor_version", "2.0.0"), "claude-desktop");

        assertThat(v.version()).isEqualTo(2);
        assertThat(v.name()).isEqualTo("merge");
        assertThat(v.status()).isEqualTo(VendorStatus.OPERATIONAL);
        assertThat(v.metadata()).isEqualTo(new VendorMetadata(new FormatSupport(true, true, true, false),
                new TestResults(10, 12, 2), "2.0.0", true));
        assertThat(v.extractorVersion()).isEqualTo("2.0.0");
        assertThat(v.updatedBy()).isEqualTo("claude-desktop");
        assertThat(v.createdBy()).isEqualTo("seed");
        assertThat(v.createdAt()).isEqualTo(created.createdAt());
        assertThat(v.updatedAt()).isEqualTo(later);

        Vendor reloaded = vendors().get("merge");
        assertThat(reloaded).isEqualTo(v);
        assertThat(reloaded.extractorVersion()).isEqualTo("2.0.0");
        assertThat(reloaded.updatedBy()).isEqualTo("claude-desktop");

        List<AuditEvent> history = store.audit().history(EntityType.VENDOR, v.id().toString());
        assertThat(history).extracting(AuditEvent::operation).containsExactly("create", "update");
        AuditEvent update = history.get(1);
        assertThat(update.actor()).isEqualTo("claude-desktop");
        assertThat(Json.mapper().readTree(update.before())).isEqualTo(Json.mapper().readTree(Json.write(created)));
        assertThat(Json.mapper().readTree(update.after())).isEqualTo(Json.mapper().readTree(Json.write(v)));
    }

    @Test
    void statusOnlyAndMetadataOnlyUpdates() {
        vendors().create("toggle", scenarioMetadata(), null);
        Vendor up = vendors().update("toggle", 1L, "operational", null, null);
        assertThat(up.status()).isEqualTo(VendorStatus.OPERATIONAL);
        assertThat(up.metadata()).isEqualTo(vendors().create("other", scenarioMetadata(), null).metadata());
        Vendor meta = vendors().update("toggle", 2L, null, Map.of("manifest_compliant", false), null);
        assertThat(meta.status()).isEqualTo(VendorStatus.OPERATIONAL);
        assertThat(meta.metadata().manifestCompliant()).isFalse();
        Vendor down = vendors().update("toggle", 3L, "broken", Map.of(), null);
        assertThat(down.status()).isEqualTo(VendorStatus.BROKEN);
        assertThat(down.version()).isEqualTo(4);
    }

    @Test
    void invalidUpdatesChangeNothing() {
        Vendor v = vendors().create("strict", scenarioMetadata(), null);
        long[] before = vendorSnapshot();
        assertThat(rejectedFields(() -> vendors().update("strict", 1L, null, null, null))).containsExactly("status");
        assertThat(rejectedFields(() -> vendors().update("strict", 1L, "down", null, null))).containsExactly("status");
        assertThat(rejectedFields(() -> vendors().update("strict", 0L, "broken", null, null)))
                .containsExactly("version");
        assertThat(rejectedFields(() -> vendors().update("strict", null, "broken", null, null)))
                .containsExactly("version");
        assertThat(rejectedFields(() -> vendors().update("strict", 1L, null, Map.of("test_results",
                Map.of("skipped", 5)), null))).containsExactly("metadata.test_results");
        assertThat(rejectedFields(() -> vendors().update("strict", 1L, null, Map.of("extractor_version",
                "v".repeat(51)), null))).containsExactly("metadata.extractor_version");
        assertThat(rejectedFields(() -> vendors().update("strict", 1L, null, Map.of("format_support",
                Map.of("excel", "false")), null))).containsExactly("metadata.format_support.excel");
        assertThat(rejectedFields(() -> vendors().update("strict", 1L, null, Map.of("unknown", 1), null)))
                .containsExactly("metadata.unknown");
        assertThat(rejectedFields(() -> vendors().update("strict", 1L, "broken", null, "u".repeat(101))))
                .containsExactly("updated_by");
        assertThat(vendorSnapshot()).containsExactly(before);
        assertThat(vendors().get("strict")).isEqualTo(v);
    }

    @Test
    void staleVersionIsAConflictAndChangesNothing() {
        Vendor v = vendors().create("locked", null, "creator");
        vendors().update("locked", 1L, "operational", null, "client-a");
        long[] before = vendorSnapshot();
        VersionConflictException e = (VersionConflictException) expectError(ErrorCode.VERSION_CONFLICT,
                () -> vendors().update("locked", 1L, "broken", null, "client-b"));
        assertThat(e.expectedVersion()).isEqualTo(1);
        assertThat(e.currentVersion()).isEqualTo(2);
        assertThat(e.details()).containsEntry("entity_type", "Vendor")
                .containsEntry("entity_id", v.id().toString())
                .containsEntry("last_updated_by", "client-a");
        assertThat(vendorSnapshot()).containsExactly(before);
        assertThat(vendors().get("locked").status()).isEqualTo(VendorStatus.OPERATIONAL);
    }

    @Test
    void concurrentUpdatesAtTheSameVersionHaveExactlyOneWinner() throws Exception {
        vendors().create("contended", null, null);
        List<Object> results = race(3, i -> () -> vendors().update("contended", 1L, null,
                Map.of("test_results", Map.of("passing", i, "total", 10)), "writer-" + i));
        List<Vendor> winners = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof Vendor v) {
                winners.add(v);
            } else {
                assertThat(r).isInstanceOf(VersionConflictException.class);
                assertThat(((VersionConflictException) r).currentVersion()).isEqualTo(2);
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(vendors().get("contended")).isEqualTo(winners.get(0));
    }
}
