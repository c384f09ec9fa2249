package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static dev.workstate.mcp.Fixtures.id;
import static dev.workstate.mcp.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's scenario 3 and its concurrent-writer cases: three MCP clients, each with its own server process,
 * over one store: a write by one is visible to the others immediately, and of three updates racing on the same version
 * exactly one wins while the other two get VERSION_CONFLICT reporting the winner's version. Claims race the same way.
 */
class MultiClientTest {
    @TempDir
    static Path dir;
    static List<McpServerProcess> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("shared");
        // The first opens (and creates) the store; the others then start in parallel.
        clients.add(McpServerProcess.fromClasspath(data, "claude-code"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<McpServerProcess> b = pool.submit(() -> McpServerProcess.fromClasspath(data, "claude-desktop"));
            Future<McpServerProcess> c = pool.submit(() -> McpServerProcess.fromClasspath(data, "copilot"));
            clients.add(b.get());
            clients.add(c.get());
        } finally {
            pool.shutdown();
        }
    }

    @AfterAll
    static void stop() {
        clients.forEach(McpServerProcess::close);
    }

    @Test
    void writesAreImmediatelyVisibleToOtherClients() {
        McpServerProcess code = clients.get(0);
        McpServerProcess desktop = clients.get(1);
        McpServerProcess third = clients.get(2);
        Map<String, Object> item = code.call("create_work_item", args("item_type", "task", "title", "Shared item",
                "metadata", Map.of(), "created_by", "claude-code"));
        for (McpServerProcess other : List.of(desktop, third)) {
            Map<String, Object> seen = other.call("query_work_item", args("id", id(item)));
            assertThat(version(seen)).isEqualTo(1);
            assertThat(seen.get("created_by")).isEqualTo("claude-code");
        }
        desktop.call("update_work_item", args("id", id(item), "version", 1, "status", "completed",
                "updated_by", "claude-desktop"));
        Map<String, Object> seen = third.call("query_work_item", args("id", id(item)));
        assertThat(seen.get("status")).isEqualTo("completed");
        assertThat(version(seen)).isEqualTo(2);
        List<Map<String, Object>> reads = clients.stream()
                .map(c -> c.call("query_work_item", args("id", id(item), "include_children", false))).toList();
        assertThat(reads).extracting(r -> r.get("title") + "/" + r.get("version") + "/" + r.get("status"))
                .containsOnly("Shared item/2/completed");
    }

    @Test
    void exactlyOneWinnerPerVersionRace() throws Exception {
        for (int round = 0; round < 5; round++) {
            Map<String, Object> item = clients.get(0).call("create_work_item", args("item_type", "task",
                    "title", "Race " + round, "metadata", Map.of()));
            List<CallToolResult> results = race(i -> clients.get(i).callRaw("update_work_item",
                    args("id", id(item), "version", 1, "title", "won by " + i, "updated_by", "client-" + i)));
            List<CallToolResult> wins = results.stream().filter(r -> !r.isError()).toList();
            assertThat(wins).as("round %d", round).hasSize(1);
            for (CallToolResult r : results) {
                if (r.isError()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) r.structuredContent())
                            .get("error");
                    assertThat(error.get("code")).isEqualTo("VERSION_CONFLICT");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> details = (Map<String, Object>) error.get("details");
                    assertThat(((Number) details.get("current_version")).intValue()).isEqualTo(2);
                }
            }
            Map<String, Object> stored = clients.get(2).call("query_work_item", args("id", id(item)));
            @SuppressWarnings("unchecked")
            Map<String, Object> winner = (Map<String, Object>) wins.get(0).structuredContent();
            assertThat(stored.get("title")).isEqualTo(winner.get("title"));
            assertThat(version(stored)).isEqualTo(2);
        }
    }

    @Test
    void exactlyOneClaimerWins() throws Exception {
        Map<String, Object> item = clients.get(0).call("create_work_item", args("item_type", "task",
                "title", "Claim me", "metadata", Map.of()));
        List<CallToolResult> results = race(i -> clients.get(i).callRaw("claim_work_item",
                args("id", id(item), "claimed_by", "agent-" + i)));
        long granted = results.stream().filter(r -> !r.isError())
                .filter(r -> Boolean.TRUE.equals(((Map<?, ?>) r.structuredContent()).get("granted"))).count();
        assertThat(granted).isEqualTo(1);
    }

    private interface Call {
        CallToolResult run(int client) throws Exception;
    }

    private static List<CallToolResult> race(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<CallToolResult>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int client = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.run(client);
                }));
            }
            go.countDown();
            List<CallToolResult> out = new ArrayList<>();
            for (Future<CallToolResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
