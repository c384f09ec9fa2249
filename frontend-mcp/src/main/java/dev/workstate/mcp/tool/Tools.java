package dev.workstate.mcp.tool;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full tool list (SPEC §4) and its translation into SDK tool specifications whose handlers check arguments, call
 * the service and map every outcome to a result, so that no exception ever reaches the SDK (it would send the message
 * verbatim as a JSON-RPC error).
 *
 * <p>Stateless; thread-safe.
 */
public final class Tools {
    private static final Logger LOG = LoggerFactory.getLogger(Tools.class);

    private Tools() {
    }

    /** All 19 tools, in a stable order. */
    public static List<ToolDef> definitions() {
        List<ToolDef> all = new ArrayList<>();
        all.addAll(WorkItemTools.all());
        all.addAll(DeploymentTools.all());
        all.addAll(VendorTools.all());
        all.addAll(ConfigurationTools.all());
        all.addAll(EnhancementTools.all());
        all.addAll(AdminTools.all());
        return List.copyOf(all);
    }

    public static List<SyncToolSpecification> specifications(ToolContext context) {
        return definitions().stream().map(d -> specification(d, context)).toList();
    }

    static SyncToolSpecification specification(ToolDef def, ToolContext context) {
        // Defaults of the MCP spec are destructive=true, openWorld=true: say what these tools really do.
        ToolAnnotations hints = def.readOnly()
                ? new ToolAnnotations(null, true, null, null, false, null)
                : new ToolAnnotations(null, null, def.destructive(), null, false, null);
        Tool tool = Tool.builder(def.name(), def.inputSchema())
                .description(def.description())
                .outputSchema(def.outputSchema())
                .annotations(hints)
                .build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call(def, context, request.arguments()))
                .build();
    }

    /** The layer that answered, or null when even that cannot be told (the error result must still be built). */
    private static dev.workstate.port.ServedBy servedBySafely(ToolContext context) {
        try {
            return context.servedBy();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Runs one call; never throws. */
    public static CallToolResult call(ToolDef def, ToolContext context, java.util.Map<String, Object> arguments) {
        long start = System.nanoTime();
        try {
            Args args = Args.check(arguments, def.params());
            Object value = def.handler().handle(args, context);
            return ToolResults.success(value, context.servedBy());
        } catch (Throwable t) { // NOPMD: the boundary; every outcome becomes a result
            return ToolResults.error(def.name(), t, servedBySafely(context));
        } finally {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} took {} µs", def.name(), (System.nanoTime() - start) / 1000);
            }
        }
    }
}
