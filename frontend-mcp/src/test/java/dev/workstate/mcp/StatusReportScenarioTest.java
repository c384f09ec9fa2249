package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static dev.workstate.mcp.Fixtures.deploymentMeta;
import static dev.workstate.mcp.Fixtures.id;
import static dev.workstate.mcp.Fixtures.projectMeta;
import static dev.workstate.mcp.Fixtures.sessionMeta;
import static dev.workstate.mcp.Fixtures.vendorMeta;
import static dev.workstate.mcp.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's scenario 8 (full status generation) through MCP, including the empty store, JSON format, the
 * {@code at} timestamp, {@code write_path}, and a store whose markdown report exceeds the result budget.
 */
class StatusReportScenarioTest {
    @TempDir
    Path dir;

    @Test
    void fullStatusGeneration() throws Exception {
        try (McpServerProcess server = McpServerProcess.fromClasspath(dir.resolve("data"), "claude-code")) {
            Map<String, Object> empty = server.call("generate_status_report", args("at", "2025-10-10T12:00:00Z"));
            String emptyMd = (String) empty.get("markdown");
            assertThat(emptyMd).contains("(0/0)").contains("(0)").contains("(Last 0)");

            List<String> vendorIds = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                Map<String, Object> v = server.call("create_vendor",
                        args("name", String.format("vendor_%02d", i), "initial_metadata", vendorMeta()));
                vendorIds.add(id(v));
                if (i % 3 != 0) {
                    server.call("update_vendor_status", args("name", v.get("name"), "version", version(v),
                            "status", "operational"));
                }
            }
            List<String> projects = new ArrayList<>();
            List<String> sessions = new ArrayList<>();
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                projects.add(id(server.call("create_work_item", args("item_type", "project",
                        "title", "Project " + i, "metadata", projectMeta()))));
            }
            for (int i = 0; i < 20; i++) {
                sessions.add(id(server.call("create_work_item", args("item_type", "session",
                        "title", "Session " + i, "metadata", sessionMeta(), "parent_id", projects.get(i % 10)))));
            }
            for (int i = 0; i < 20; i++) {
                items.add(id(server.call("create_work_item", args("item_type", "task", "title", "Task " + i,
                        "metadata", Map.of(), "parent_id", sessions.get(i)))));
            }
            items.addAll(projects);
            Instant base = Instant.parse("2025-09-01T10:00:00Z");
            for (int i = 0; i < 20; i++) {
                Map<String, Object> meta = deploymentMeta(100 + i, "Deployment " + i);
                meta.put("constitutional_compliance", i % 4 != 0);
                server.call("record_deployment", args("deployed_at", base.plus(i, ChronoUnit.DAYS).toString(),
                        "metadata", meta, "vendor_ids", vendorIds.subList(i, i + 3 + i % 3),
                        "work_item_ids", items.subList(i, i + 2 + i % 3)));
            }
            long start = System.nanoTime();
            Map<String, Object> report = server.call("generate_status_report",
                    args("format", "markdown", "at", "2025-10-10T12:00:00Z"));
            System.err.printf("[measure] generate_status_report (45 vendors, 50 items, 20 deployments) %.1f ms%n",
                    (System.nanoTime() - start) / 1e6);
            String md = (String) report.get("markdown");
            assertThat(report.get("format")).isEqualTo("markdown");
            assertThat(md).startsWith("# Project Status")
                    .contains("## Operational Vendors (30/45)")
                    .contains("## Active Work Items (50)")
                    .contains("## Recent Deployments (Last ")
                    .contains("Generated at");
            assertThat(md.indexOf("## Operational Vendors")).isLessThan(md.indexOf("## Active Work Items"));
            assertThat(md.indexOf("## Active Work Items")).isLessThan(md.indexOf("## Recent Deployments"));
            assertThat(md.lines().filter(l -> l.strip().startsWith("### ") && l.contains("PR #119")).count())
                    .isEqualTo(1);
            assertThat(md.indexOf("PR #119")).isLessThan(md.indexOf("PR #118"));
            // Same data, same "at": byte-identical.
            assertThat(server.call("generate_status_report", args("at", "2025-10-10T12:00:00Z")).get("markdown"))
                    .isEqualTo(md);

            Map<String, Object> json = server.call("generate_status_report", args("format", "json"));
            assertThat(json.get("format")).isEqualTo("json");
            assertThat(json.get("report")).isInstanceOf(Map.class);

            Path file = dir.resolve("status.md");
            Map<String, Object> written = server.call("generate_status_report",
                    args("at", "2025-10-10T12:00:00Z", "write_path", file.toString()));
            assertThat(Files.readString(file)).isEqualTo(md);
            assertThat(written.get("markdown")).isEqualTo(md);
        }
    }
}
