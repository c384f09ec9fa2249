package dev.workstate.mcp;

import static dev.workstate.mcp.Fixtures.args;
import static dev.workstate.mcp.Fixtures.id;
import static dev.workstate.mcp.Fixtures.items;
import static dev.workstate.mcp.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.WorkstateConfig;
import dev.workstate.internal.StoreFactory;
import dev.workstate.model.WorkItem;
import dev.workstate.port.Store;
import dev.workstate.testkit.Eventually;
import dev.workstate.testkit.PgTestDatabase;
import dev.workstate.testkit.TcpProxy;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's last acceptance bullet for MCP: a real server process over the default chain (postgres → sqlite →
 * markdown), with PostgreSQL (real, embedded or {@code WORKSTATE_TEST_PG_URL}) reached through an in-test TCP proxy,
 * driven by the MCP Java SDK's client. While the proxy is cut every tool call still answers, from sqlite with the
 * degraded warning; after it is restored the server's own background prober replays the outbox, and PostgreSQL holds
 * every write taken during the outage with the version the client was told.
 */
@Timeout(120)
class McpPostgresOutageTest {
    private static final PgTestDatabase DB = PgTestDatabase.get();
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private McpSyncClient client;
    private TcpProxy proxy;
    private String schema;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (schema != null) {
            DB.dropSchema(schema);
        }
    }

    @Test
    void everyToolCallAnswersThroughAnOutageAndPostgresGetsEveryWriteBack() {
        startServer();

        // PostgreSQL is the primary: results say so, without a warning.
        CallToolResult first = callOk("create_work_item", args("item_type", "project", "title", "P",
                "metadata", args("description", "outage project")));
        assertServedBy(first, "postgres", false);
        Map<String, Object> project = structured(first);
        Map<String, Object> before = structured(callOk("create_work_item", args("item_type", "task",
                "title", "before the cut", "parent_id", id(project))));

        proxy.cut();

        // Every call answers, from sqlite, marked stale with the warning as a second text content.
        Map<String, Map<String, Object>> written = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            CallToolResult r = callOk("create_work_item", args("item_type", "task", "title", "during " + i,
                    "parent_id", id(project)));
            assertServedBy(r, "sqlite", true);
            written.put(id(structured(r)), structured(r));
        }
        CallToolResult updBefore = callOk("update_work_item", args("id", id(before), "version", version(before),
                "title", "before the cut, updated during it", "status", "completed"));
        assertServedBy(updBefore, "sqlite", true);
        written.put(id(before), structured(updBefore));
        String during0 = written.keySet().iterator().next();
        CallToolResult updDuring = callOk("update_work_item", args("id", during0,
                "version", version(written.get(during0)), "title", "during 0, updated"));
        assertServedBy(updDuring, "sqlite", true);
        assertThat(version(structured(updDuring))).isEqualTo(2);
        written.put(during0, structured(updDuring));

        CallToolResult query = callOk("query_work_item", args("id", id(project)));
        assertServedBy(query, "sqlite", true);
        assertThat(version(structured(query))).isEqualTo(1);
        CallToolResult list = callOk("list_work_items", args("parent_id", id(project), "limit", 100));
        assertServedBy(list, "sqlite", true);
        assertThat(items(structured(list))).extracting(Fixtures::id)
                .containsAll(written.keySet()).contains(id(before));

        Map<String, Object> down = structured(callOk("storage_status", Map.of()));
        assertThat(layer(down, 0).get("name")).isEqualTo("postgres");
        assertThat(layer(down, 0).get("healthy")).isEqualTo(false);
        assertThat(down.get("primary")).isEqualTo("sqlite");
        assertThat(((Number) down.get("pending_outbox")).longValue()).isPositive();

        // Restore; the server's background prober notices, replays, and makes postgres the primary again.
        proxy.restore();
        Map<String, Object> recovered = awaitRecovered();
        assertThat(((Number) recovered.get("open_conflicts")).longValue()).isZero();
        for (int i = 0; i < ((List<?>) recovered.get("layers")).size(); i++) {
            assertThat(((Number) layer(recovered, i).get("pending_outbox")).longValue())
                    .as("outbox of %s", layer(recovered, i).get("name")).isZero();
        }
        CallToolResult after = callOk("query_work_item", args("id", during0));
        assertServedBy(after, "postgres", false);
        assertThat(version(structured(after))).isEqualTo(2);

        // PostgreSQL itself (a store of our own on the same schema) holds every write taken during the outage.
        WorkstateConfig config = DB.config(dir.resolve("verify"), schema);
        try (Store pg = StoreFactory.providers().get("postgres").open(config)) {
            for (Map.Entry<String, Map<String, Object>> e : written.entrySet()) {
                WorkItem stored = pg.workItems().get(UUID.fromString(e.getKey())).orElse(null);
                assertThat(stored).as("item %s in PostgreSQL", e.getKey()).isNotNull();
                assertThat(stored.version()).as("version of %s", e.getKey()).isEqualTo(version(e.getValue()));
                assertThat(stored.title()).isEqualTo(e.getValue().get("title"));
            }
            assertThat(pg.workItems().get(UUID.fromString(id(before))).orElseThrow().status().name())
                    .isEqualToIgnoringCase("completed");
            assertThat(pg.outbox().size()).isZero();
            assertThat(pg.outbox().conflicts()).isEmpty();
        }
    }

    @Test
    void aServerStartedWhilePostgresIsDownServesFromSqliteAndSwitchesBackWhenItReturns() {
        startServer(true);
        CallToolResult created = callOk("create_work_item", args("item_type", "task", "title", "taken by sqlite"));
        assertServedBy(created, "sqlite", true);
        Map<String, Object> item = structured(created);

        proxy.restore();
        awaitRecovered();
        CallToolResult read = callOk("query_work_item", args("id", id(item)));
        assertServedBy(read, "postgres", false);
        assertThat(version(structured(read))).isEqualTo(1);
        try (Store pg = StoreFactory.providers().get("postgres").open(DB.config(dir.resolve("verify"), schema))) {
            assertThat(pg.workItems().get(UUID.fromString(id(item)))).isPresent();
        }
    }

    private void startServer() {
        startServer(false);
    }

    private void startServer(boolean cutFirst) {
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(DB.url());
        assertThat(m.find()).as("PostgreSQL URL %s", DB.url()).isTrue();
        proxy = TcpProxy.start(m.group(1), Integer.parseInt(m.group(2)));
        toClose.add(proxy);
        if (cutFirst) {
            proxy.cut();
        }
        String url = DB.url().substring(0, m.start()) + "//127.0.0.1:" + proxy.port() + "/"
                + DB.url().substring(m.end());
        schema = DB.freshSchema();

        Map<String, String> env = new HashMap<>();
        env.put("WORKSTATE_DATABASE_URL", url);
        env.put("WORKSTATE_DATABASE_SCHEMA", schema);
        // generous for a loaded build machine; the proxy's cut resets connections, so it never waits this long
        env.put("WORKSTATE_CONNECT_TIMEOUT_MS", "5000");
        if (DB.user() != null) {
            env.put("WORKSTATE_DATABASE_USER", DB.user());
        }
        if (DB.password() != null) {
            env.put("WORKSTATE_DATABASE_PASSWORD", DB.password());
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // No --storage: the default order, postgres (configured) → sqlite → markdown.
        ServerParameters p = ServerParameters.builder(McpServerProcess.javaBinary())
                .args("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xss512k", "-Xmx256m",
                        "-cp", classpath, "dev.workstate.mcp.WorkstateMcpServer",
                        "--data-dir", dir.resolve("data").toString())
                .env(env)
                .build();
        StdioClientTransport transport = new StdioClientTransport(p, McpServerProcess.MAPPER);
        transport.setStdErrorHandler(stderr::add);
        client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("outage-test", "1.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        toClose.add(client::closeGracefully);
        client.initialize();
        if (cutFirst) {
            Map<String, Object> status = structured(callOk("storage_status", Map.of()));
            assertThat(status.get("primary")).as("status %s", status).isEqualTo("sqlite");
            return;
        }
        // On a loaded machine the first connection can miss the connect timeout; the prober then brings postgres up.
        Map<String, Object> status = awaitRecovered();
        assertThat(List.of(layer(status, 0).get("name"), layer(status, 1).get("name"), layer(status, 2).get("name")))
                .containsExactly("postgres", "sqlite", "markdown");
    }

    /** Polls storage_status (bounded) until postgres is the healthy primary and nothing is queued anywhere. */
    private Map<String, Object> awaitRecovered() {
        return Eventually.await(RECOVERY_BOUND, () -> structured(callOk("storage_status", Map.of())),
                status -> "postgres".equals(status.get("primary"))
                        && Boolean.TRUE.equals(layer(status, 0).get("healthy"))
                        && ((Number) status.get("pending_outbox")).longValue() == 0,
                status -> "postgres not recovered; last status " + status + "; server stderr " + tail());
    }

    private CallToolResult callOk(String tool, Map<String, Object> arguments) {
        CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(r.isError()).as("%s %s -> %s; server stderr %s", tool, arguments, r.content(), tail()).isFalse();
        return r;
    }

    private List<String> tail() {
        synchronized (stderr) {
            return List.copyOf(stderr.subList(Math.max(0, stderr.size() - 20), stderr.size()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layer(Map<String, Object> status, int index) {
        return ((List<Map<String, Object>>) status.get("layers")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static void assertServedBy(CallToolResult r, String layer, boolean degraded) {
        assertThat(r.meta()).as("_meta of %s", r.content()).containsKey("served_by");
        Map<String, Object> served = (Map<String, Object>) r.meta().get("served_by");
        assertThat(served.get("layer")).as("served_by %s", served).isEqualTo(layer);
        List<String> texts = r.content().stream().filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text()).toList();
        if (degraded) {
            assertThat(served.get("stale")).isEqualTo(true);
            assertThat(texts).hasSize(2);
            assertThat(texts.get(1)).startsWith("warning: ").contains("postgres unavailable")
                    .contains("served by sqlite");
        } else {
            assertThat(served.get("stale")).isEqualTo(false);
            assertThat(texts).hasSize(1);
        }
    }
}
