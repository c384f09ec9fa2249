package dev.workstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Workstate MCP server process driven by the MCP Java SDK's own client over stdio. Started either from the test
 * class path ({@code java -cp … dev.workstate.mcp.WorkstateMcpServer}) or through the real launcher
 * {@code bin/workstate-mcp}.
 *
 * <p>Thread-safe: the SDK client may be called from several threads.
 */
public final class McpServerProcess implements AutoCloseable {
    static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    private final McpSyncClient client;
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    final long initializeMillis;

    private McpServerProcess(ServerParameters parameters, String clientName) {
        StdioClientTransport transport = new StdioClientTransport(parameters, MAPPER);
        transport.setStdErrorHandler(stderr::add);
        client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation(clientName, "1.0"))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        long start = System.nanoTime();
        client.initialize();
        initializeMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * When set, {@link #fromClasspath(Path, String)} starts servers on this thread with these storage options and
     * environment instead of {@code --storage sqlite}: how {@link PostgresMcpScenariosTest} runs the reference scenarios
     * unchanged against PostgreSQL. Not inheritable on purpose: threads created meanwhile (SDK, Reactor) would keep it.
     */
    static final ThreadLocal<StorageChoice> STORAGE = new ThreadLocal<>();

    /** Server options and environment that pick the storage layers. */
    record StorageChoice(List<String> args, Map<String, String> env) {
    }

    /** Starts the server from this test's class path over {@code dataDir}, with the launcher's JVM options. */
    public static McpServerProcess fromClasspath(Path dataDir, String clientName) {
        StorageChoice choice = STORAGE.get();
        if (choice == null) {
            choice = new StorageChoice(List.of("--storage", "sqlite"), Map.of());
        }
        return fromClasspath(dataDir, clientName, choice);
    }

    /** As {@link #fromClasspath(Path, String)}, with the given storage options and environment. */
    static McpServerProcess fromClasspath(Path dataDir, String clientName, StorageChoice storage) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Xss512k", "-Xmx256m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-cp", classpath,
                "dev.workstate.mcp.WorkstateMcpServer", "--data-dir", dataDir.toString()));
        args.addAll(storage.args());
        ServerParameters p = ServerParameters.builder(javaBinary())
                .args(args)
                .env(storage.env())
                .build();
        return new McpServerProcess(p, clientName);
    }

    /** Starts the server through {@code bin/workstate-mcp}. */
    public static McpServerProcess fromLauncher(Path dataDir, String clientName) {
        ServerParameters p = ServerParameters.builder(launcher().toString())
                .args("--data-dir", dataDir.toString(), "--storage", "sqlite")
                .build();
        return new McpServerProcess(p, clientName);
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("workstate.repo.root", "..")).toAbsolutePath().normalize();
    }

    public static Path launcher() {
        Path l = repoRoot().resolve("bin/workstate-mcp");
        assertThat(Files.isExecutable(l)).as("launcher %s", l).isTrue();
        return l;
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public McpSyncClient client() {
        return client;
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    public CallToolResult callRaw(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** Calls a tool that must succeed; returns its structured content. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> call(String tool, Map<String, Object> arguments) {
        CallToolResult r = callRaw(tool, arguments);
        assertThat(r.isError()).as("%s %s -> %s", tool, arguments, r.content()).isFalse();
        return (Map<String, Object>) r.structuredContent();
    }

    /** Calls a tool that must fail; returns the {@code error} object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fail(String tool, Map<String, Object> arguments) {
        CallToolResult r = callRaw(tool, arguments);
        assertThat(r.isError()).as("%s %s -> %s", tool, arguments, r.structuredContent()).isTrue();
        return (Map<String, Object>) ((Map<String, Object>) r.structuredContent()).get("error");
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
