package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static dev.workstate.mcp.Fixtures.id;
import static dev.workstate.mcp.Fixtures.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.model.WorkItem;
import dev.workstate.service.NewWorkItem;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents pay per byte: no result exceeds 25 000 characters. Big pages are cut (with has_more and the next offset),
 * big hierarchies are trimmed with a {@code truncated} note, and a big markdown report is cut at a line with a note.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultSizeTest {
    static final int LIMIT = 25_000;

    @TempDir
    static Path dir;
    McpServerProcess server;
    String root;

    @BeforeAll
    void seed() {
        Path data = dir.resolve("data");
        WorkstateConfig config = WorkstateConfig.builder().dataDir(data).storageOrder(List.of("sqlite")).build();
        try (Workstate ws = Workstate.open(config)) {
            WorkItem project = ws.workItems().create(new NewWorkItem("project", "Big project", null,
                    Map.of("description", "Lots of children"), null, null, null, null, null, "seed"));
            root = project.id().toString();
            for (int i = 0; i < 400; i++) {
                ws.workItems().create(new NewWorkItem("task", "Child task number " + i + " " + "t".repeat(150),
                        "x".repeat(i < 120 ? 9_000 : 10), Map.of(), root, null, null, null, null, "seed"));
            }
        }
        server = McpServerProcess.fromClasspath(data, "claude-code");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static int textLength(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text().length();
    }

    @Test
    void fullDetailPagesAreCutToTheBudgetAndPageOn() {
        CallToolResult r = server.callRaw("list_work_items", args("parent_id", root, "limit", 100, "detail", "full"));
        assertThat(r.isError()).isFalse();
        assertThat(textLength(r)).isLessThanOrEqualTo(LIMIT);
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) r.structuredContent();
        int shown = items(page).size();
        assertThat(shown).isBetween(1, 99);
        assertThat(page.get("has_more")).isEqualTo(true);
        assertThat((String) page.get("note")).contains("offset " + shown);
        Map<String, Object> next = server.call("list_work_items", args("parent_id", root, "limit", 100,
                "detail", "full", "offset", shown));
        assertThat(items(next)).isNotEmpty();
        assertThat(items(next).get(0).get("id")).isNotEqualTo(items(page).get(0).get("id"));
    }

    @Test
    void summariesAreTheDefaultAndSmall() {
        CallToolResult r = server.callRaw("list_work_items", args("parent_id", root, "limit", 100));
        assertThat(textLength(r)).isLessThanOrEqualTo(LIMIT);
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) r.structuredContent();
        assertThat(items(page).get(0)).doesNotContainKeys("description", "metadata");
        assertThat(((Number) page.get("total_count")).intValue()).isEqualTo(400);
    }

    @Test
    void bigHierarchiesAreTrimmedWithANote() {
        CallToolResult r = server.callRaw("query_work_item", args("id", root));
        assertThat(r.isError()).isFalse();
        assertThat(textLength(r)).isLessThanOrEqualTo(LIMIT);
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) r.structuredContent();
        assertThat(id(view)).isEqualTo(root);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> truncated = (Map<String, Map<String, Object>>) view.get("truncated");
        assertThat(truncated).containsKey("descendants");
        assertThat(((Number) truncated.get("descendants").get("total")).intValue()).isEqualTo(400);
    }

    @Test
    void bigMarkdownReportsAreCutWithANote() {
        CallToolResult r = server.callRaw("generate_status_report", args());
        assertThat(r.isError()).isFalse();
        assertThat(textLength(r)).isLessThanOrEqualTo(LIMIT);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) r.structuredContent();
        assertThat(report.get("truncated")).isEqualTo(true);
        assertThat((String) report.get("markdown")).startsWith("# Project Status").contains("report truncated");
        assertThat(((Number) report.get("total_chars")).intValue()).isGreaterThan(LIMIT);
        CallToolResult json = server.callRaw("generate_status_report", args("format", "json"));
        assertThat(json.isError()).isFalse();
        assertThat(textLength(json)).isLessThanOrEqualTo(LIMIT);
    }
}
