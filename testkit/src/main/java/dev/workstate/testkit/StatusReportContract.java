package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.error.ErrorCode;
import dev.workstate.error.WorkstateException;
import dev.workstate.internal.Json;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemOutline;
import dev.workstate.service.EnhancementSave;
import dev.workstate.service.NewDeployment;
import dev.workstate.service.StatusReportResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Contract of the status report over a real store: golden files of the reference scenario 8 dataset and of the empty
 * store (markdown and JSON), byte-identical output for the same data, section order and counts, what counts as an active
 * item, and writing the file.
 *
 * <p>Golden files live in this module's resources under {@code dev/workstate/testkit/golden/}. JSON goldens have every
 * UUID replaced by {@code <id-N>} in order of first appearance (ids are random; their order is not). To regenerate them
 * after a deliberate format change, run the suite with {@code -Dworkstate.golden.dir=<that directory>}.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class StatusReportContract extends WorkItemSupport {
    private static final String AT = ScenarioDataset.REPORT_AT.toString();
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Replaces every UUID by {@code <id-N>}, numbered by first appearance. */
    protected static String normaliseIds(String text) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher m = UUID_PATTERN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = names.computeIfAbsent(m.group(), k -> "<id-" + (names.size() + 1) + ">");
            m.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        m.appendTail(out);
        return out.toString();
    }

    protected static void assertGolden(String name, String actual) {
        String dir = System.getProperty("workstate.golden.dir");
        if (dir != null) {
            try {
                Files.writeString(Path.of(dir).resolve(name), actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot write golden file " + name, e);
            }
        }
        String resource = "/dev/workstate/testkit/golden/" + name;
        try (InputStream in = StatusReportContract.class.getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s", resource).isNotNull();
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).as("golden file %s", name).isEqualTo(expected);
        } catch (IOException e) {
            throw new AssertionError("cannot read golden file " + name, e);
        }
    }

    private String markdown() {
        return ws.reports().generate("markdown", AT, null).markdown();
    }

    private String json(Integer recent) {
        return Json.writePretty(ws.reports().generate("json", AT, null, recent).report()) + "\n";
    }

    // ------------------------------------------------------------------ goldens

    @Test
    void emptyStoreMatchesTheGoldenFiles() {
        String md = markdown();
        assertThat(md).contains("## Operational Vendors (0/0)", "## Active Work Items (0)",
                "## Recent Deployments (Last 0)", "## Future Enhancements (0)");
        assertGolden("empty.md", md);
        assertGolden("empty.json", normaliseIds(json(null)));
    }

    @Test
    void scenario8DatasetMatchesTheGoldenFiles() {
        ScenarioDataset.scenario8().populate(ws, clock);
        StatusReportResult result = ws.reports().generate("markdown", AT, null, 20);
        String md = result.markdown();
        assertThat(result.format()).isEqualTo("markdown");
        assertThat(result.report()).isNull();

        List<String> headings = md.lines().filter(l -> l.startsWith("#")).toList();
        assertThat(headings.get(0)).isEqualTo("# Project Status - " + AT);
        assertThat(headings.stream().filter(l -> l.startsWith("## ")).toList()).containsExactly(
                "## Operational Vendors (30/45)", "## Active Work Items (50)", "## Recent Deployments (Last 20)",
                "## Future Enhancements (4)");
        String items = section(md, "## Active Work Items");
        assertThat(items.lines().filter(l -> l.strip().startsWith("### ")).count()).isEqualTo(50);
        assertThat(items.lines().filter(l -> l.startsWith("### ")).count()).as("projects at depth 0").isEqualTo(10);
        assertThat(items.lines().filter(l -> l.startsWith("  ### ")).count()).as("sessions at depth 1")
                .isEqualTo(20);
        assertThat(items.lines().filter(l -> l.startsWith("    ### ")).count()).as("tasks at depth 2")
                .isEqualTo(20);
        List<Integer> prs = new ArrayList<>();
        Matcher pr = Pattern.compile("^### \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC - PR #(\\d+)$",
                Pattern.MULTILINE).matcher(section(md, "## Recent Deployments"));
        while (pr.find()) {
            prs.add(Integer.parseInt(pr.group(1)));
        }
        assertThat(prs).hasSize(20).isSortedAccordingTo((a, b) -> b - a);
        assertThat(md).endsWith("---\n*Generated at " + AT + "*\n");
        assertGolden("scenario8.md", md);

        String json = json(20);
        assertGolden("scenario8.json", normaliseIds(json));
        JsonNode node = Json.mapper().readTree(json);
        assertThat(node.get("vendor_health").get("total_vendors").asInt()).isEqualTo(45);
        assertThat(node.get("vendor_health").get("operational_count").asInt()).isEqualTo(30);
        assertThat(node.get("vendor_health").get("broken_count").asInt()).isEqualTo(15);
        assertThat(node.get("vendor_health").get("operational_percentage").asDouble()).isEqualTo(66.67);
        assertThat(node.get("active_work_items").get("by_type").toString())
                .isEqualTo("{\"project\":10,\"session\":20,\"task\":20,\"research\":0}");
        assertThat(node.get("recent_deployments")).hasSize(20);
        assertThat(node.get("pending_enhancements")).hasSize(4);
    }

    @Test
    void sameDataRendersByteIdenticalOutput() {
        ScenarioDataset.scenario8().populate(ws, clock);
        String md = markdown();
        String json = json(null);
        clock.advance(Duration.ofDays(3));
        assertThat(markdown()).isEqualTo(md);
        assertThat(json(null)).isEqualTo(json);
        assertThat(md).contains("## Recent Deployments (Last 10)");
        String now = ws.reports().generate(null, null, null).markdown();
        assertThat(now).startsWith("# Project Status - " + clock.instant() + "\n");
    }

    private static String section(String md, String heading) {
        int start = md.indexOf(heading);
        int end = md.indexOf("\n## ", start + 1);
        return md.substring(start, end < 0 ? md.length() : end);
    }

    // ------------------------------------------------------------------ content rules

    @Test
    void activeItemsAreLiveItemsOfEveryStatusAndArchivedOnesAreOnlyCounted() {
        WorkItem old = create("task", "Old finished task");
        items().update(Fixtures.update(old.id(), old.version()).status("completed").build());
        clock.advance(Duration.ofDays(400));
        WorkItem project = create("project", "Kept project");
        WorkItem done = child("task", "Done task", project);
        done = items().update(Fixtures.update(done.id(), done.version()).status("completed").build());
        WorkItem deleted = child("task", "Deleted task", project);
        items().update(Fixtures.update(deleted.id(), deleted.version()).deletedAt("NOW()").build());
        assertThat(items().archive(365, null).archivedCount()).isEqualTo(1);
        assertThat(items().get(done.id().toString()).archivedAt()).isNull();

        String md = ws.reports().generate("markdown", null, null).markdown();
        assertThat(md).contains("## Active Work Items (2)", "### Kept project (project)", "  ### Done task (task)",
                "  - **Status**: completed").doesNotContain("Deleted task").doesNotContain("Old finished task");
        JsonNode items = Json.tree(ws.reports().generate("json", null, null).report()).get("active_work_items");
        assertThat(items.get("total_count").asInt()).isEqualTo(2);
        assertThat(items.get("archived_count").asInt()).isEqualTo(1);
        assertThat(items.get("by_status").toString()).isEqualTo("{\"active\":1,\"completed\":1,\"blocked\":0}");
    }

    @Test
    void liveOutlinesAreTheLiveItemsInOutlineForm() {
        WorkItem project = create("project", "Project");
        WorkItem task = child("task", "Task on a branch", project);
        task = items().update(Fixtures.update(task.id(), task.version()).branchName("feature/x").status("blocked")
                .build());
        WorkItem session = child("session", "Session", project);
        child("task", "Under the session", session);
        WorkItem deleted = child("task", "Deleted", project);
        items().update(Fixtures.update(deleted.id(), deleted.version()).deletedAt("NOW()").build());
        WorkItem old = create("research", "Old research");
        items().update(Fixtures.update(old.id(), old.version()).status("completed").build());
        clock.advance(Duration.ofDays(400));
        assertThat(items().archive(365, null).archivedCount()).isEqualTo(1);

        List<WorkItemOutline> expected = listAll(false, false).stream().map(WorkItemOutline::of).toList();
        assertThat(expected).hasSize(4);
        assertThat(store.workItems().liveOutlines()).containsExactlyInAnyOrderElementsOf(expected)
                .contains(WorkItemOutline.of(task));
    }

    @Test
    void completedEnhancementsAreNotPending() {
        ws.enhancements().save(new EnhancementSave(null, null, "Later", "d", 3, null, "2026-Q2", null, null));
        ws.enhancements().save(new EnhancementSave(null, null, "Sooner", "d", 1, "approved", null, null, null));
        ws.enhancements().save(new EnhancementSave(null, null, "Shipped", "d", 1, "completed", null, null, null));
        String md = markdown();
        assertThat(md).contains("## Future Enhancements (2)\n\n### Sooner\n- **Priority**: 1\n- **Status**: approved\n"
                + "\n### Later\n- **Priority**: 3\n- **Target Quarter**: 2026-Q2\n- **Status**: planned\n")
                .doesNotContain("Shipped");
    }

    @Test
    void deploymentLinesShowShortCommitTestsComplianceAndSortedVendors() {
        var zeta = ws.vendors().create("zeta", null, null);
        var alpha = ws.vendors().create("Alpha", null, null);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("pr_number", 7);
        meta.put("pr_title", "Line\nbreak");
        meta.put("commit_hash", Fixtures.COMMIT);
        meta.put("test_summary", Map.of("unit", 150, "integration", 30));
        meta.put("constitutional_compliance", false);
        ws.deployments().record(new NewDeployment("2025-02-03T04:05:06.789Z", meta,
                List.of(zeta.id().toString(), alpha.id().toString()), null, null));
        assertThat(section(markdown(), "## Recent Deployments")).isEqualTo("""
                ## Recent Deployments (Last 1)

                ### 2025-02-03 04:05:06 UTC - PR #7
                - **Title**: Line break
                - **Commit**: `0123456`
                - **Tests**: integration: 30, unit: 150
                - **Constitutional Compliance**: ✗
                - **Vendors**: Alpha, zeta
                """);
    }

    // ------------------------------------------------------------------ output file

    @Test
    void writesTheReportFileAtomically() throws IOException {
        ws.vendors().create("vendor_a", null, null);
        Path file = tempDir.resolve("status.md");
        Files.writeString(file, "old content");
        StatusReportResult md = ws.reports().generate("markdown", AT, file.toString());
        assertThat(Files.readString(file)).isEqualTo(md.markdown());
        assertThat(md.writtenTo()).isEqualTo(file.toAbsolutePath().normalize().toString());

        Path jsonFile = tempDir.resolve("status.json");
        StatusReportResult json = ws.reports().generate("json", AT, jsonFile.toString());
        assertThat(Json.mapper().readTree(Files.readString(jsonFile))).isEqualTo(Json.mapper().readTree(Json.write(json.report())));
        assertThat(Files.readString(jsonFile)).endsWith("}\n");
        try (var listing = Files.list(tempDir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
                    .as("no temporary files left behind").isEmpty();
        }
    }

    @Test
    void unwritablePathIsAValidationErrorWithoutThePath() {
        Path missingDir = tempDir.resolve("no-such-dir").resolve("status.md");
        WorkstateException e = expectError(ErrorCode.VALIDATION_ERROR,
                () -> ws.reports().generate("markdown", AT, missingDir.toString()));
        assertThat(e.getMessage()).startsWith("output:").doesNotContain(tempDir.toString());
        assertThat(Files.exists(missingDir)).isFalse();
        expectError(ErrorCode.VALIDATION_ERROR, () -> ws.reports().generate("markdown", AT,
                tempDir.toString()));
        assertThat(rejectedFields(() -> ws.reports().generate("pdf", "later", null, 0)))
                .containsExactlyInAnyOrder("format", "at", "recent_deployments");
    }
}
