package dev.workstate.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.FieldError;
import dev.workstate.error.ValidationException;
import dev.workstate.service.ConfigurationUpdate;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.NewDeployment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Input validation of the vendor, deployment, configuration, enhancement and report services. They are built without a
 * store: every rejection here must happen before storage is touched (a touch would throw NullPointerException).
 */
class DomainServicesValidationTest {
    private static final String ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final WorkstateConfig CONFIG = WorkstateConfig.forDirectory(Path.of("unused"));

    private final DefaultVendorService vendors = new DefaultVendorService(null, CLOCK, CONFIG);
    private final DefaultDeploymentService deployments = new DefaultDeploymentService(null, CLOCK, CONFIG);
    private final DefaultConfigurationService configuration = new DefaultConfigurationService(null, CLOCK, CONFIG);
    private final DefaultEnhancementService enhancements = new DefaultEnhancementService(null, CLOCK, CONFIG);
    private final DefaultReportService reports = new DefaultReportService(null, CLOCK);

    private static List<String> fields(Runnable call) {
        ValidationException e = catchThrowableOfType(call::run, ValidationException.class);
        assertThat(e).as("expected VALIDATION_ERROR").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void vendorCreateCollectsEveryBadField() {
        assertThat(fields(() -> vendors.create("bad/name", Map.of("format_support", Map.of("excel", 1)),
                "c".repeat(101)))).containsExactlyInAnyOrder("name", "metadata.format_support.excel", "created_by");
    }

    @Test
    void vendorLookupAndListBounds() {
        assertThat(fields(() -> vendors.get(" "))).containsExactly("name");
        assertThat(fields(() -> vendors.get(null))).containsExactly("name");
        assertThat(fields(() -> vendors.list("healthy", 0, -1))).containsExactlyInAnyOrder("status", "limit",
                "offset");
        assertThat(fields(() -> vendors.list(null, 101, null))).containsExactly("limit");
    }

    @Test
    void vendorUpdateNeedsSomethingToChange() {
        assertThat(fields(() -> vendors.update("acme", 1L, null, null, null))).containsExactly("status");
        assertThat(fields(() -> vendors.update("acme", 1L, null, Map.of(), null))).containsExactly("status");
        assertThat(fields(() -> vendors.update("acme", null, "up", null, ""))).containsExactlyInAnyOrder("version",
                "status", "updated_by");
        assertThat(fields(() -> vendors.update("acme", 0L, "broken", null, null))).containsExactly("version");
    }

    @Test
    void deploymentRecordCollectsEveryBadField() {
        NewDeployment bad = new NewDeployment("yesterday", Map.of("pr_number", 0, "pr_title", "t".repeat(201),
                "commit_hash", "ABC", "test_summary", Map.of("unit", -1), "constitutional_compliance", "yes"),
                List.of(ID, ID), List.of("x"), "c".repeat(101));
        assertThat(fields(() -> deployments.record(bad))).containsExactlyInAnyOrder("deployed_at",
                "metadata.pr_number", "metadata.pr_title", "metadata.commit_hash", "metadata.test_summary.unit",
                "metadata.constitutional_compliance", "vendor_ids[1]", "work_item_ids[0]", "created_by");
        assertThat(fields(() -> deployments.record(new NewDeployment(null, null, null, null, null))))
                .containsExactlyInAnyOrder("deployed_at", "metadata");
    }

    @Test
    void deploymentListBounds() {
        assertThat(fields(() -> deployments.list(0, -1, "v", "w", "abc"))).containsExactlyInAnyOrder("limit",
                "offset", "vendor_id", "work_item_id", "commit_hash");
        assertThat(fields(() -> deployments.list(101, null, null, null, null))).containsExactly("limit");
        assertThat(fields(() -> deployments.get("nope"))).containsExactly("id");
    }

    @Test
    void configurationBounds() {
        assertThat(fields(() -> configuration.update(new ConfigurationUpdate(Optional.of("hotfix"),
                Optional.of("not-a-uuid"), Optional.of("b".repeat(101)), Optional.of("ABC"), Optional.of(999), 0L,
                "u".repeat(101))))).containsExactlyInAnyOrder("active_context_type", "current_session_id",
                "git_branch", "git_head_commit", "default_token_budget", "expected_version", "updated_by");
        assertThat(fields(() -> configuration.update(new ConfigurationUpdate(null, null, null, null,
                Optional.of(1_000_001), null, null)))).containsExactly("default_token_budget");
        assertThat(fields(() -> configuration.update(new ConfigurationUpdate(Optional.empty(), null, null, null,
                Optional.empty(), null, null)))).containsExactlyInAnyOrder("active_context_type",
                "default_token_budget");
        assertThat(fields(() -> configuration.update(new ConfigurationUpdate(null, null, null, null, null, null,
                null)))).containsExactly("configuration");
        assertThat(fields(() -> configuration.update(new ConfigurationUpdate(null, null, null,
                Optional.of("a".repeat(39)), null, null, null)))).containsExactly("git_head_commit");
    }

    @Test
    void enhancementCreateBounds() {
        assertThat(fields(() -> enhancements.save(new EnhancementSave(null, 2L, "", null, 6, "done", "2025-Q5",
                List.of(" "), "u".repeat(101))))).containsExactlyInAnyOrder("version", "title", "description",
                "priority", "status", "target_quarter", "constitutional_principles[0]", "updated_by");
        assertThat(fields(() -> enhancements.save(new EnhancementSave(null, null, "t".repeat(201), "d".repeat(10_001),
                0, null, "Q1-2025", null, null)))).containsExactlyInAnyOrder("title", "description", "priority",
                "target_quarter");
    }

    @Test
    void enhancementUpdateBounds() {
        assertThat(fields(() -> enhancements.save(new EnhancementSave("nope", null, null, null, null, null, null,
                null, null)))).containsExactlyInAnyOrder("id", "version", "enhancement");
        assertThat(fields(() -> enhancements.save(new EnhancementSave(ID, 1L, " ", " ", 9, null, null, null,
                null)))).containsExactlyInAnyOrder("title", "description", "priority");
        assertThat(fields(() -> enhancements.list("done", 0, null))).containsExactlyInAnyOrder("status", "limit");
        assertThat(fields(() -> enhancements.get("x"))).containsExactly("id");
    }

    @Test
    void reportArguments() {
        assertThat(fields(() -> reports.generate("html", "yesterday", " ", 0))).containsExactlyInAnyOrder("format",
                "at", "output", "recent_deployments");
        assertThat(fields(() -> reports.generate(null, null, null, 101))).containsExactly("recent_deployments");
    }
}
