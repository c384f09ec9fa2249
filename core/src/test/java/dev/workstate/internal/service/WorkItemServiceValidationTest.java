package dev.workstate.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.workstate.WorkstateConfig;
import dev.workstate.error.FieldError;
import dev.workstate.error.ValidationException;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import dev.workstate.service.WorkItemUpdate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input validation of the work-item service. The service is built without a store: every rejection here must happen
 * before storage is touched (a touch would fail with a NullPointerException).
 */
class WorkItemServiceValidationTest {
    private static final String ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    private final DefaultWorkItemService service = new DefaultWorkItemService(null,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            WorkstateConfig.forDirectory(Path.of("unused")));

    private static List<String> fields(Runnable call) {
        ValidationException e = catchThrowableOfType(call::run, ValidationException.class);
        assertThat(e).as("expected VALIDATION_ERROR").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void createCollectsEveryBadField() {
        List<String> f = fields(() -> service.create(new NewWorkItem("epic", " ", "d".repeat(10_001),
                Map.of(), "not-a-uuid", "done", "b".repeat(101), "ABC", 0, "c".repeat(101))));
        assertThat(f).containsExactlyInAnyOrder("item_type", "title", "description", "parent_id", "status",
                "branch_name", "commit_hash", "pr_number", "created_by");
    }

    @Test
    void createChecksMetadataAgainstTheType() {
        assertThat(fields(() -> service.create(new NewWorkItem("session", "s", null,
                Map.of("token_budget", "200000", "prompts_count", 0, "yaml_frontmatter", Map.of("schema_version", "1")),
                null, null, null, null, null, null)))).containsExactly("metadata.token_budget");
        assertThat(fields(() -> service.create(new NewWorkItem("project", "p", null, null, null, null, null, null,
                null, null)))).containsExactly("metadata.description");
    }

    @Test
    void createTitleBounds() {
        assertThat(fields(() -> service.create(new NewWorkItem(null, null, null, Map.of(), null, null, null, null,
                null, null)))).containsExactlyInAnyOrder("item_type", "title");
        assertThat(fields(() -> service.create(new NewWorkItem("task", "t".repeat(201), null, Map.of(), null, null,
                null, null, null, null)))).containsExactly("title");
        assertThat(fields(() -> service.create(new NewWorkItem("task", "", null, Map.of(), null, null,
                null, null, null, "")))).containsExactlyInAnyOrder("title", "created_by");
    }

    @Test
    void updateRequiresIdVersionAndSomethingToChange() {
        assertThat(fields(() -> service.update(WorkItemUpdate.builder(null, null).build())))
                .containsExactlyInAnyOrder("id", "version", "update");
        assertThat(fields(() -> service.update(WorkItemUpdate.builder("nope", 0L).title("x").build())))
                .containsExactlyInAnyOrder("id", "version");
    }

    @Test
    void updateRejectsClearingRequiredFieldsAndContradictions() {
        WorkItemUpdate u = new WorkItemUpdate(null, null, "x".repeat(101), java.util.Optional.empty(),
                java.util.Optional.of("d".repeat(10_001)), java.util.Optional.empty(), null,
                java.util.Optional.of("bad"), java.util.Optional.of(" "), java.util.Optional.of("XYZ"),
                java.util.Optional.of(-3), java.util.Optional.of("yesterday"), true);
        assertThat(fields(() -> service.update(u))).containsExactlyInAnyOrder("id", "version", "updated_by",
                "title", "description", "status", "parent_id", "branch_name", "commit_hash", "pr_number",
                "deleted_at", "restore");
        WorkItemUpdate both = WorkItemUpdate.builder(null, 1L).deletedAt("NOW()").restore(true).build();
        assertThat(fields(() -> service.update(both))).containsExactlyInAnyOrder("id", "restore");
    }

    @Test
    void listPagingEnumsAndQuery() {
        assertThat(fields(() -> service.list(new WorkItemQuery("epic", "done", "x", true, false, "q".repeat(201),
                false, false, 0, -1, null)))).containsExactlyInAnyOrder("item_type", "status", "parent_id",
                "root_only", "query", "limit", "offset");
        assertThat(fields(() -> service.list(new WorkItemQuery(null, null, null, false, false, "  ", false, false,
                101, 0, "")))).containsExactlyInAnyOrder("query", "limit", "viewer");
    }

    @Test
    void queryMaxDepthOutsideOneToFive() {
        assertThat(fields(() -> service.query(ID, true, true, 0, false))).containsExactly("max_depth");
        assertThat(fields(() -> service.query(ID, true, true, 6, false))).containsExactly("max_depth");
        assertThat(fields(() -> service.query("x", true, true, 3, false))).containsExactly("id");
    }

    @Test
    void linkClaimArchiveHistoryInputs() {
        assertThat(fields(() -> service.link("a", null, "needs", "", false)))
                .containsExactlyInAnyOrder("source_id", "target_id", "dependency_type", "created_by");
        assertThat(fields(() -> service.claim("x", " ", "steal", 0)))
                .containsExactlyInAnyOrder("id", "claimed_by", "action", "lease_minutes");
        assertThat(fields(() -> service.claim(ID, "me", "claim", 1441))).containsExactly("lease_minutes");
        assertThat(fields(() -> service.archive(0, null))).containsExactly("older_than_days");
        assertThat(fields(() -> service.history("42"))).containsExactly("id");
        assertThat(fields(() -> service.get(null))).containsExactly("id");
    }

    @Test
    void textWithUnpairedSurrogatesIsRejectedEverywhere() {
        String broken = "ok \ud83c then";
        assertThat(fields(() -> service.create(new NewWorkItem("research", broken, "\udf51", Map.of(
                "findings_summary", broken, "references", List.of("fine", "x\ud800")), null, null, broken, null,
                null, broken)))).containsExactlyInAnyOrder("title", "description", "branch_name", "created_by",
                "metadata.findings_summary", "metadata.references");
        assertThat(fields(() -> service.update(WorkItemUpdate.builder(null, 1L).title(broken).build())))
                .containsExactlyInAnyOrder("id", "title");
        assertThat(fields(() -> service.claim(ID, broken, null, null))).containsExactly("claimed_by");
        assertThat(WorkItemMetadataValidator.wellFormed("emoji \ud83d\ude80 ok")).isTrue();
        assertThat(WorkItemMetadataValidator.wellFormed("\ude80")).isFalse();
        assertThat(WorkItemMetadataValidator.wellFormed("end \ud83d")).isFalse();
    }

    @Test
    void advanceKeepsUpdatedAtStrictlyIncreasing() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(DefaultWorkItemService.advance(t, t)).isEqualTo(t.plusMillis(1));
        assertThat(DefaultWorkItemService.advance(t, t.plusSeconds(1))).isEqualTo(t.plusSeconds(1).plusMillis(1));
        assertThat(DefaultWorkItemService.advance(t.plusSeconds(1), t)).isEqualTo(t.plusSeconds(1));
        assertThat(DefaultWorkItemService.advance(t, null)).isEqualTo(t);
    }
}
