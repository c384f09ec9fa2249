package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.model.WorkItem;
import dev.workstate.service.NewWorkItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (and prints, without timing assertions: the numbers depend on the machine) the README's MCP numbers
 * through a real client: vendor lookup round trip p95, {@code query_work_item} on a 5-level hierarchy p95, and the
 * server's resident memory with 12 000 work items.
 */
class PerformanceMeasureTest {
    @TempDir
    Path dir;

    @Test
    void measureRoundTripsAndMemoryWith12000Items() throws Exception {
        Path data = dir.resolve("data");
        String leaf;
        WorkstateConfig config = WorkstateConfig.builder().dataDir(data).storageOrder(List.of("sqlite")).build();
        long seedStart = System.nanoTime();
        try (Workstate ws = Workstate.open(config)) {
            ws.vendors().create("vendor_lookup", Map.of(), "seed");
            WorkItem parent = null;
            for (int level = 0; level < 5; level++) {
                parent = ws.workItems().create(new NewWorkItem(level == 0 ? "project" : "task", "Level " + level,
                        null, level == 0 ? Map.of("description", "chain") : Map.of(),
                        parent == null ? null : parent.id().toString(), null, null, null, null, "seed"));
            }
            leaf = parent.id().toString();
            for (int i = 0; i < 12_000 - 5; i++) {
                ws.workItems().create(new NewWorkItem("task", "Seeded task " + i, "Description of task " + i,
                        Map.of("estimated_hours", 1.5), null, null, null, null, null, "seed"));
            }
        }
        System.err.printf("[measure] seeded 12 000 items in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);

        try (McpServerProcess server = McpServerProcess.fromClasspath(data, "claude-code")) {
            System.err.printf("[measure] process start -> initialize answered (classpath JVM, 12 000 items): %d ms%n",
                    server.initializeMillis);
            for (int i = 0; i < 50; i++) { // warm-up
                server.call("query_vendor_status", args("name", "VENDOR_LOOKUP"));
                server.call("query_work_item", args("id", leaf));
            }
            List<Long> vendor = new ArrayList<>();
            List<Long> hierarchy = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                server.call("query_vendor_status", args("name", "vendor_lookup"));
                vendor.add(System.nanoTime() - t);
                t = System.nanoTime();
                Map<String, Object> view = server.call("query_work_item", args("id", leaf));
                hierarchy.add(System.nanoTime() - t);
                assertThat(Fixtures.list(view, "ancestors")).hasSize(4);
            }
            System.err.printf("[measure] query_vendor_status round trip p95 %.2f ms; query_work_item (5 levels) p95"
                    + " %.2f ms (200 calls each, Java SDK client over stdio)%n", Fixtures.p95(vendor) / 1e6,
                    Fixtures.p95(hierarchy) / 1e6);
            server.call("list_work_items", args("limit", 100, "detail", "full"));
            server.call("list_work_items", args("query", "Seeded", "limit", 100));
            server.call("generate_status_report", args());
            Optional<Long> rss = serverRssKb();
            rss.ifPresent(kb -> System.err.printf("[measure] server RSS with 12 000 items: %d MB%n", kb / 1024));
        }
    }

    /** VmRSS of the server child process (Linux only). */
    private static Optional<Long> serverRssKb() {
        return ProcessHandle.current().descendants()
                .filter(p -> cmdline(p.pid()).contains("WorkstateMcpServer"))
                .findFirst()
                .flatMap(p -> {
                    try {
                        return Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status")).stream()
                                .filter(l -> l.startsWith("VmRSS:"))
                                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                                .findFirst();
                    } catch (java.io.IOException e) {
                        return Optional.empty();
                    }
                });
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
