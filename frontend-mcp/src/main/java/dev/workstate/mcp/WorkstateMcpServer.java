package dev.workstate.mcp;

import dev.workstate.Workstate;
import dev.workstate.WorkstateConfig;
import dev.workstate.error.ValidationException;
import dev.workstate.mcp.tool.ToolContext;
import dev.workstate.mcp.tool.Tools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Workstate MCP server: a stdio MCP server exposing the 19 Workstate tools over one store.
 *
 * <pre>
 * workstate-mcp [--data-dir DIR] [--database-url URL] [--storage LAYERS]
 * </pre>
 *
 * <p>Configuration resolves like the CLI's (flags &gt; {@code WORKSTATE_*} environment &gt;
 * {@code <data-dir>/config.properties} &gt; defaults). Stdout carries JSON-RPC only: the real stdout is kept for the
 * protocol and {@code System.out} is pointed at stderr before anything else runs. The store opens in the background
 * while the client initialises; tool calls wait for it.
 *
 * <p>Not instantiable; {@link #main} runs one server per process.
 */
public final class WorkstateMcpServer {
    static final String NAME = "workstate";
    static final String VERSION = versionOf();

    private WorkstateMcpServer() {
    }

    public static void main(String[] argv) {
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        Map<String, String> flags;
        try {
            flags = parseFlags(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("workstate-mcp: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (flags.containsKey("help")) {
            System.err.println(usage());
            return;
        }
        if (flags.containsKey("version")) {
            System.err.println("workstate-mcp " + VERSION);
            return;
        }
        WorkstateConfig config;
        try {
            config = WorkstateConfig.resolve(flags, System.getenv());
        } catch (ValidationException e) {
            System.err.println("workstate-mcp: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        start(config, new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16), protocolOut);
    }

    /** Opens the store in the background, builds the server over the given streams and returns it. */
    static McpSyncServer start(WorkstateConfig config, java.io.InputStream in, OutputStream out) {
        Logger log = LoggerFactory.getLogger(WorkstateMcpServer.class);
        CompletableFuture<Workstate> workstate = new CompletableFuture<>();
        DeferredSchemaValidator validator = new DeferredSchemaValidator();
        Thread opener = new Thread(() -> {
            try {
                workstate.complete(Workstate.open(config));
            } catch (Throwable t) { // NOPMD: reported to every tool call instead
                log.error("cannot open the store in {}: {}", config.dataDir(), t.toString());
                workstate.completeExceptionally(t);
            }
            try {
                // Needed by the first tool result, not by initialize: built here, after the store.
                validator.prepare();
                if (!workstate.isCompletedExceptionally()) {
                    workstate.join().store().warmUp();
                }
            } catch (RuntimeException e) {
                log.debug("schema validator or store not prepared in the background", e);
            }
        }, "workstate-open");
        opener.setDaemon(true);
        opener.start();

        McpJsonMapper mapper = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        AtomicReference<McpSyncServer> server = new AtomicReference<>();
        Runnable shutdown = () -> {
            McpSyncServer s = server.getAndSet(null);
            if (s != null) {
                try {
                    s.closeGracefully();
                } catch (RuntimeException e) {
                    log.debug("closing the MCP session", e);
                }
            }
            workstate.thenAccept(Workstate::close);
        };
        StdioGuard guard = new StdioGuard(mapper, in, out, () -> {
            // Every reply is written: close the store and leave, whatever threads adapters may have started.
            Thread exit = new Thread(() -> System.exit(0), "workstate-exit");
            exit.setDaemon(true);
            exit.start();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "workstate-shutdown"));

        SerialStdioTransportProvider transport = new SerialStdioTransportProvider(mapper, guard.input(),
                guard.output());
        server.set(McpServer.sync(transport)
                .serverInfo(NAME, VERSION)
                .instructions("Workstate tracks work items, vendors, deployments, configuration and enhancements."
                        + " Updates take the record's current version; errors carry error.code.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper)
                .jsonSchemaValidator(validator)
                // Arguments are checked by dev.workstate.mcp.tool.Args, which answers with a structured
                // VALIDATION_ERROR naming each field instead of the SDK's free-text message.
                .validateToolInputs(false)
                .tools(Tools.specifications(new ToolContext(workstate)))
                .build());
        return server.get();
    }

    static Map<String, String> parseFlags(String[] argv) {
        Map<String, String> names = Map.of("--data-dir", "data_dir", "--database-url", "database_url",
                "--storage", "storage", "--client", "client");
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                flags.put("help", "true");
                continue;
            }
            if (arg.equals("-V") || arg.equals("--version")) {
                flags.put("version", "true");
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String key = names.get(name);
            if (key == null) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            if (value == null) {
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = argv[++i];
            }
            flags.put(key, value);
        }
        return flags;
    }

    static String usage() {
        return String.join("\n", List.of(
                "Usage: workstate-mcp [--data-dir DIR] [--database-url URL] [--storage LAYERS] [--client ID]",
                "  Stdio MCP server for Workstate. Speaks JSON-RPC on stdin/stdout; logs go to stderr.",
                "  --data-dir DIR       data directory (env WORKSTATE_HOME, default ./.workstate)",
                "  --database-url URL   PostgreSQL JDBC URL (env WORKSTATE_DATABASE_URL; user/password from env)",
                "  --storage LAYERS     layer order, e.g. postgres,sqlite,markdown (env WORKSTATE_STORAGE)",
                "  --client ID          default created_by/updated_by (env WORKSTATE_CLIENT, default claude-code)"));
    }

    private static String versionOf() {
        String v = WorkstateMcpServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
