package dev.workstate.benchmarks;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4: the MCP server as a client sees it — the real server process started through {@code bin/workstate-mcp}
 * over a private copy of the 12 000-item SQLite store, driven over stdio by the MCP Java SDK's own client. Round trips
 * of {@code query_vendor_status} and of {@code query_work_item} on the leaf of a 5-level chain (its 4 ancestors), and,
 * in {@link Start}, the time from process start to the answer of the first {@code initialize}.
 *
 * <p>Run from the repository root (the launcher is found at {@code bin/workstate-mcp}, or {@code
 * -Dworkstate.mcp.launcher}); the launcher builds its archive on the first start, which the first trial absorbs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class McpRoundTripBenchmark {
    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    private BenchData.Opened data;
    private McpSyncClient client;
    private List<List<String>> chains;

    @Setup(Level.Trial)
    public void start() {
        data = BenchData.open("sqlite", BenchData.LARGE);
        chains = data.chainIds();
        client = startClient(data.dir());
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.closeGracefully();
        data.close();
    }

    /** Vendor lookup by name (case-insensitive) through the whole MCP stack. */
    @Benchmark
    public McpSchema.CallToolResult queryVendorStatus() {
        String name = String.format("VENDOR_%03d", 1 + ThreadLocalRandom.current().nextInt(BenchData.LARGE.vendors()));
        return call(client, "query_vendor_status", Map.of("name", name));
    }

    /** {@code query_work_item} of a depth-4 leaf: the item with its 4 ancestors, a 5-level hierarchy. */
    @Benchmark
    public McpSchema.CallToolResult queryWorkItem5Levels() {
        List<String> chain = chains.get(ThreadLocalRandom.current().nextInt(chains.size()));
        return call(client, "query_work_item", Map.of("id", chain.get(BenchData.CHAIN_LEVELS - 1)));
    }

    /** Time from starting the launcher to the answer of the first {@code initialize}, on an existing store. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
    @Warmup(iterations = 1)
    @Measurement(iterations = 10)
    public static class Start {
        private BenchData.Opened data;
        private McpSyncClient client;

        @Setup(Level.Trial)
        public void open() {
            data = BenchData.open("sqlite", BenchData.LARGE);
            // The first start of a new jar builds the launcher's archive: not what is measured.
            startClient(data.dir()).closeGracefully();
        }

        @TearDown(Level.Invocation)
        public void stopServer() {
            if (client != null) {
                client.closeGracefully();
                client = null;
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            data.close();
        }

        @Benchmark
        public McpSyncClient timeToFirstInitialize() {
            client = startClient(data.dir());
            return client;
        }
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
        if (Boolean.TRUE.equals(r.isError())) {
            throw new IllegalStateException(tool + " failed: " + r.content());
        }
        return r;
    }

    /** Starts the server through the launcher over {@code dir} and returns a client that has initialised. */
    static McpSyncClient startClient(Path dir) {
        ServerParameters p = ServerParameters.builder(launcher().toString())
                .args("--data-dir", dir.toString(), "--storage", "sqlite")
                .build();
        StdioClientTransport transport = new StdioClientTransport(p, MAPPER);
        transport.setStdErrorHandler(line -> { });
        McpSyncClient c = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("jmh", "1.0"))
                .requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(120))
                .build();
        c.initialize();
        return c;
    }

    private static Path launcher() {
        String configured = System.getProperty("workstate.mcp.launcher");
        Path l = configured != null ? Paths.get(configured) : Paths.get("bin", "workstate-mcp");
        if (!Files.isExecutable(l)) {
            l = Paths.get("..", "bin", "workstate-mcp");
        }
        return l.toAbsolutePath().normalize();
    }
}
