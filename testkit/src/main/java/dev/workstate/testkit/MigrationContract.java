package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.StorageUnavailableException;
import dev.workstate.error.ValidationException;
import dev.workstate.model.Deployment;
import dev.workstate.model.Enhancement;
import dev.workstate.model.ItemType;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.port.AuditPort;
import dev.workstate.port.ConfigurationPort;
import dev.workstate.port.DeploymentFilter;
import dev.workstate.port.DeploymentPort;
import dev.workstate.port.EnhancementPort;
import dev.workstate.port.Mutation;
import dev.workstate.port.OutboxPort;
import dev.workstate.port.StorageStatus;
import dev.workstate.port.Store;
import dev.workstate.port.VendorPort;
import dev.workstate.port.WorkItemFilter;
import dev.workstate.port.WorkItemPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Contract of the legacy {@code .project_status.md} migration (reference §7 scenario 6 and the quickstart's
 * 45/12/8/25 file, both variants) run against the adapter under test: success reports, reconciliation, rollback on any
 * failure with the file left byte-identical, malformed sections, strict mode, dry run and refused re-runs.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class MigrationContract extends StoreContract {
    private static final String FIXTURES = "/dev/workstate/testkit/legacy/";

    /** Copies a fixture of {@code dev/workstate/testkit/legacy} into the test's directory. */
    protected Path fixture(String name) {
        try (InputStream in = MigrationContract.class.getResourceAsStream(FIXTURES + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            Path target = tempDir.resolve("legacy-" + name);
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> section(Map<String, Object> report, String key) {
        return (Map<String, Object>) report.get(key);
    }

    @SuppressWarnings("unchecked")
    protected static List<String> errors(Map<String, Object> report) {
        return (List<String>) report.get("errors");
    }

    protected long vendorCount() {
        return store.vendors().list(null, 1, 0).totalCount();
    }

    protected long deploymentCount() {
        return store.deployments().list(new DeploymentFilter(null, null, null, 1, 0)).totalCount();
    }

    protected List<WorkItem> items(ItemType type) {
        return store.workItems().list(new WorkItemFilter(type, null, null, false, false, null, true, true, null,
                clock.instant(), Integer.MAX_VALUE, 0)).items();
    }

    private void assertAllMatch(Map<String, Object> report, long vendors, long deployments, long enhancements,
                                long sessions) {
        Map<String, Object> rec = section(report, "reconciliation");
        assertThat(rec.get("vendor_count")).isEqualTo(Map.of("source", vendors, "migrated", vendors, "match", true));
        assertThat(rec.get("deployment_history"))
                .isEqualTo(Map.of("source", deployments, "migrated", deployments, "match", true));
        assertThat(rec.get("enhancements"))
                .isEqualTo(Map.of("source", enhancements, "migrated", enhancements, "match", true));
        assertThat(rec.get("session_prompts"))
                .isEqualTo(Map.of("source", sessions, "migrated", sessions, "match", true));
        assertThat(section(report, "vendor_metadata")).containsEntry("completeness_percentage", 100.0)
                .containsEntry("fields_validated", vendors * 10);
        assertThat(report).containsEntry("data_preservation_percentage", 100.0);
    }

    @Test
    void scenario6GeneratedFormatMigratesEverything() {
        Path file = fixture("scenario6-generated.md");
        String hash = sha256(file);
        Map<String, Object> report = ws.migration().migrate(file.toString(), false, true);

        assertThat(errors(report)).isEmpty();
        assertThat(report).containsEntry("success", true).containsEntry("rollback_executed", false)
                .containsEntry("variant", "generated").containsEntry("file_unchanged", true);
        assertThat((List<?>) report.get("parse_issues")).isEmpty();
        assertAllMatch(report, 5, 10, 3, 2);
        assertThat(section(report, "reconciliation").get("work_items"))
                .isEqualTo(Map.of("source", 8L, "migrated", 8L, "match", true));
        assertThat(sha256(file)).isEqualTo(hash);

        Vendor abc = ws.vendors().get("VENDOR_ABC");
        assertThat(abc.status()).isEqualTo(VendorStatus.OPERATIONAL);
        assertThat(abc.metadata().testResults().passing()).isEqualTo(45);
        assertThat(abc.metadata().testResults().total()).isEqualTo(50);
        assertThat(abc.metadata().formatSupport().excel()).isTrue();
        assertThat(abc.metadata().formatSupport().csv()).isTrue();
        assertThat(abc.metadata().formatSupport().pdf()).isFalse();
        assertThat(abc.metadata().formatSupport().ocr()).isFalse();
        assertThat(abc.createdBy()).isEqualTo("migration");
        assertThat(ws.vendors().get("vendor_mno").status()).isEqualTo(VendorStatus.BROKEN);

        // hierarchy: the three tasks hang under the first session, which hangs under the project
        WorkItem project = items(ItemType.PROJECT).get(0);
        assertThat(project.title()).isEqualTo("Feature 003: Project Tracking");
        assertThat(project.branchName()).isEqualTo("003-project-tracking");
        WorkItem schema = items(ItemType.TASK).stream().filter(w -> w.title().startsWith("T001")).findFirst()
                .orElseThrow();
        assertThat(schema.depth()).isEqualTo(2);
        assertThat(schema.path()).startsWith("/" + project.id() + "/");
        assertThat(schema.status().wire()).isEqualTo("completed");
        for (WorkItem s : items(ItemType.SESSION)) {
            assertThat(s.metadata()).containsKeys("token_budget", "prompts_count", "yaml_frontmatter");
        }

        List<Deployment> deps = store.deployments().list(new DeploymentFilter(null, null, null, 100, 0)).items();
        assertThat(deps).hasSize(10);
        Deployment newest = deps.get(0);
        assertThat(newest.metadata().prNumber()).isEqualTo(110);
        assertThat(newest.metadata().prTitle()).isEqualTo("Deploy feature increment 10");
        assertThat(newest.metadata().testSummary()).containsEntry("unit", 110L).containsEntry("integration", 30L);
        assertThat(newest.vendorIds()).hasSize(2);
        assertThat(newest.deployedAt()).isEqualTo(Instant.parse("2025-10-10T15:30:00Z"));
        assertThat(deps.stream().filter(d -> !d.metadata().constitutionalCompliance()).count()).isEqualTo(2);

        List<Enhancement> enh = store.enhancements().list(null, 10, 0).items();
        assertThat(enh).extracting(Enhancement::priority).containsExactly(1, 2, 3);
        assertThat(enh.get(0).targetQuarter()).isEqualTo("2026-Q1");
        assertThat(enh.get(0).description()).startsWith("Full-text");
    }

    @Test
    void scenario6HandWrittenFormatMigratesSessionsAndLinks() {
        Path file = fixture("scenario6-hand-written.md");
        Map<String, Object> report = ws.migration().migrate(file.toString(), false, true);

        assertThat(errors(report)).isEmpty();
        assertThat(report).containsEntry("success", true).containsEntry("variant", "hand_written");
        assertAllMatch(report, 5, 10, 3, 8);
        assertThat((List<?>) report.get("unresolved_references")).isEmpty();

        List<WorkItem> sessions = items(ItemType.SESSION);
        assertThat(sessions).hasSize(8);
        WorkItem t3 = sessions.stream().filter(s -> s.title().startsWith("Session T003")).findFirst().orElseThrow();
        assertThat(t3.metadata()).containsEntry("token_budget", 130000L).containsEntry("prompts_count", 9L);
        @SuppressWarnings("unchecked")
        Map<String, Object> fm = (Map<String, Object>) t3.metadata().get("yaml_frontmatter");
        assertThat(fm).containsEntry("schema_version", "1.0").containsEntry("session_id", "T003")
                .containsEntry("mode", "implementation");
        assertThat(t3.description()).contains("step 3");

        // every deployment links two vendors and two sessions (#T00n)
        for (Deployment d : store.deployments().list(new DeploymentFilter(null, null, null, 100, 0)).items()) {
            assertThat(d.vendorIds()).hasSize(2);
            assertThat(d.workItemIds()).hasSize(2);
            assertThat(d.metadata().constitutionalCompliance()).isTrue();
        }
        Vendor abc = ws.vendors().get("vendor_abc");
        assertThat(abc.metadata().testResults().total()).isEqualTo(50);
        assertThat(abc.extractorVersion()).matches("1\\.\\d\\.0");
        List<Enhancement> enh = store.enhancements().list(null, 10, 0).items();
        assertThat(enh).extracting(Enhancement::priority).containsExactly(2, 3, 4);
    }

    @Test
    void quickstart45FileMigratesInBothVariants() {
        for (String name : List.of("quickstart-45-hand-written.md", "quickstart-45-generated.md")) {
            Path file = fixture(name);
            // warm-up (class loading, JIT) with a dry run, then the measured real run
            Map<String, Object> dry = ws.migration().migrate(file.toString(), true, true);
            assertThat(dry).containsEntry("success", true).containsEntry("dry_run", true);
            assertThat(vendorCount()).isZero();

            Map<String, Object> report = ws.migration().migrate(file.toString(), false, true);
            assertThat(errors(report)).as(name).isEmpty();
            assertAllMatch(report, 45, 12, 8, 25);
            assertThat(vendorCount()).isEqualTo(45);
            assertThat(store.vendors().list(VendorStatus.OPERATIONAL, 1, 0).totalCount()).isEqualTo(36);
            assertThat(deploymentCount()).isEqualTo(12);
            assertThat(items(ItemType.SESSION)).hasSize(25);
            // speed (target 200 ms) is measured by the JMH benchmark, not asserted here
            for (Deployment d : store.deployments().list(new DeploymentFilter(null, null, null, 100, 0)).items()) {
                assertThat(d.vendorIds()).isNotEmpty();
                if (name.contains("hand")) {
                    assertThat(d.workItemIds()).hasSize(2);
                }
            }
            // the next variant migrates the same data: start from an empty store again
            ws.close();
            store = reopenEmpty();
            ws = Workstate.over(store, WorkstateConfig.forDirectory(tempDir.resolve("ws-" + name)), clock);
        }
    }

    /** A fresh empty store for tests that migrate twice; defaults to a new sub-directory. */
    protected Store reopenEmpty() {
        try {
            Path dir = Files.createTempDirectory(tempDir, "again");
            return openStore(dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void injectedValidationFailureRollsBackEverythingAndLeavesTheFileIntact() throws Exception {
        Path file = fixture("invalid-vendor.md");
        String hash = sha256(file);
        Map<String, Object> report = ws.migration().migrate(file.toString(), false, false);

        assertThat(report).containsEntry("success", false).containsEntry("rollback_executed", true)
                .containsEntry("rollback_verified", true).containsEntry("file_unchanged", true);
        assertThat(errors(report)).anySatisfy(e -> assertThat(e).startsWith("validation_failed")
                .contains("vendor_liar").contains("line 6"));
        assertThat(sha256(file)).isEqualTo(hash);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("# Project Status");
        assertThat(vendorCount()).isZero();
        assertThat(deploymentCount()).isZero();
    }

    @Test
    void injectedStorageFailureMidwayRollsBackEverything() {
        Path file = fixture("scenario6-generated.md");
        String hash = sha256(file);
        AtomicInteger deployments = new AtomicInteger();
        Store faulty = new FaultyStore(store, m -> m instanceof Mutation.InsertDeployment
                && deployments.incrementAndGet() == 4);
        Workstate failing = Workstate.over(faulty, WorkstateConfig.forDirectory(tempDir), clock);
        Map<String, Object> report = failing.migration().migrate(file.toString(), false, false);

        assertThat(report).containsEntry("success", false).containsEntry("rollback_executed", true)
                .containsEntry("rollback_verified", true);
        assertThat(errors(report)).anySatisfy(e -> assertThat(e).contains("storage_unavailable"));
        assertThat(sha256(file)).isEqualTo(hash);
        assertThat(vendorCount()).isZero();
        assertThat(deploymentCount()).isZero();
        assertThat(store.workItems().count()).isZero();
        assertThat(store.enhancements().list(null, 1, 0).totalCount()).isZero();
    }

    @Test
    void malformedSectionsAreReportedAndValidEntriesStillMigrateUnlessStrict() {
        Path file = fixture("malformed-sections.md");
        Map<String, Object> strict = ws.migration().migrate(file.toString(), false, true);
        assertThat(strict).containsEntry("success", false).containsEntry("rollback_executed", false);
        assertThat(errors(strict)).anySatisfy(e -> assertThat(e).startsWith("parse_failed"));
        assertThat(vendorCount()).isZero();

        Map<String, Object> report = ws.migration().migrate(file.toString(), false, false);
        assertThat(errors(report)).isEmpty();
        assertThat(report).containsEntry("success", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> issues = (List<Map<String, Object>>) report.get("parse_issues");
        assertThat(issues).extracting(i -> i.get("line")).contains(6, 9, 13);
        assertThat(issues).anySatisfy(i -> assertThat((String) i.get("message")).contains("malformed YAML"));
        assertThat(ws.vendors().get("vendor_good").status()).isEqualTo(VendorStatus.OPERATIONAL);
        assertThat(vendorCount()).isEqualTo(1);
        assertThat(deploymentCount()).isEqualTo(1);
        assertThat(items(ItemType.SESSION)).extracting(WorkItem::title).containsExactly("Good session");
        assertThat((Double) report.get("data_preservation_percentage")).isLessThan(100.0);
        // references that do not resolve are reported, what resolves is linked
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> unresolved = (List<Map<String, Object>>) report.get("unresolved_references");
        assertThat(unresolved).extracting(u -> u.get("kind") + " " + u.get("reference"))
                .containsExactlyInAnyOrder("vendor vendor_ghost", "work_item #T999");
        Deployment d = store.deployments().list(new DeploymentFilter(null, null, null, 10, 0)).items().get(0);
        assertThat(d.vendorIds()).containsExactly(ws.vendors().get("vendor_good").id());
        assertThat(d.workItemIds()).isEmpty();
    }

    @Test
    void rerunIsRefusedWithoutDuplicating() {
        Path file = fixture("scenario6-hand-written.md");
        assertThat(ws.migration().migrate(file.toString(), false, false)).containsEntry("success", true);
        long audit = store.audit().count();

        Map<String, Object> again = ws.migration().migrate(file.toString(), false, false);
        assertThat(again).containsEntry("success", false).containsEntry("error_code", "DUPLICATE")
                .containsEntry("rollback_executed", false);
        assertThat(errors(again)).anySatisfy(e -> assertThat(e).contains("vendor 'vendor_abc'"));
        assertThat(vendorCount()).isEqualTo(5);
        assertThat(deploymentCount()).isEqualTo(10);
        assertThat(items(ItemType.SESSION)).hasSize(8);
        assertThat(store.audit().count()).isEqualTo(audit);
    }

    @Test
    void dryRunValidatesAndReportsWithoutWriting() {
        Path file = fixture("scenario6-generated.md");
        Map<String, Object> report = ws.migration().migrate(file.toString(), true, false);
        assertThat(report).containsEntry("success", true).containsEntry("dry_run", true)
                .containsEntry("rollback_executed", false).containsEntry("rollback_verified", true);
        assertAllMatch(report, 5, 10, 3, 2);
        assertThat(vendorCount()).isZero();
        assertThat(store.workItems().count()).isZero();
        assertThat(store.audit().count()).isZero();

        Map<String, Object> invalid = ws.migration().migrate(fixture("invalid-vendor.md").toString(), true, false);
        assertThat(invalid).containsEntry("success", false);
        assertThat(errors(invalid)).anySatisfy(e -> assertThat(e).startsWith("validation_failed"));
    }

    @Test
    void unusableInputIsRefusedWithoutWriting() throws Exception {
        Path empty = tempDir.resolve("empty.md");
        Files.writeString(empty, "# Project Status - 2025-10-10\n\nnothing here\n");
        Map<String, Object> report = ws.migration().migrate(empty.toString(), false, false);
        assertThat(report).containsEntry("success", false).containsEntry("rollback_executed", false);
        assertThat(errors(report)).anySatisfy(e -> assertThat(e).startsWith("parse_failed"));

        Path binary = tempDir.resolve("binary.md");
        Files.write(binary, new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThat(errors(ws.migration().migrate(binary.toString(), false, false)))
                .anySatisfy(e -> assertThat(e).contains("not UTF-8"));

        assertThatThrownBy(() -> ws.migration().migrate(tempDir.resolve("missing.md").toString(), false, false))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ws.migration().migrate(tempDir.toString(), false, false))
                .isInstanceOf(ValidationException.class);
        assertThat(vendorCount()).isZero();
        assertThat(store.audit().count()).isZero();
    }

    @Test
    void everyMigratedChangeIsAudited() {
        Path file = fixture("scenario6-generated.md");
        assertThat(ws.migration().migrate(file.toString(), false, false)).containsEntry("success", true);
        assertThat(store.audit().all(1000, 0)).isNotEmpty().allSatisfy(e -> assertThat(e.actor())
                .isEqualTo("migration"));
    }

    /** A store that fails one chosen mutation with a connectivity error, delegating everything else. */
    protected static final class FaultyStore implements Store {
        private final Store delegate;
        private final Predicate<Mutation> failWhen;

        public FaultyStore(Store delegate, Predicate<Mutation> failWhen) {
            this.delegate = delegate;
            this.failWhen = failWhen;
        }

        @Override public String layer() { return delegate.layer(); }
        @Override public WorkItemPort workItems() { return delegate.workItems(); }
        @Override public VendorPort vendors() { return delegate.vendors(); }
        @Override public DeploymentPort deployments() { return delegate.deployments(); }
        @Override public ConfigurationPort configuration() { return delegate.configuration(); }
        @Override public EnhancementPort enhancements() { return delegate.enhancements(); }
        @Override public AuditPort audit() { return delegate.audit(); }
        @Override public OutboxPort outbox() { return delegate.outbox(); }
        @Override public void ping() { delegate.ping(); }
        @Override public StorageStatus status() { return delegate.status(); }

        @Override
        public boolean apply(Mutation mutation) {
            if (failWhen.test(mutation)) {
                throw new StorageUnavailableException(delegate.layer(), "injected failure", null);
            }
            return delegate.apply(mutation);
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return delegate.inTransaction(work);
        }

        @Override
        public void close() {
            // the test's own Workstate closes the real store
        }
    }
}
