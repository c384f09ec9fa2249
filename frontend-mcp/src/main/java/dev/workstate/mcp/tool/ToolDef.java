package dev.workstate.mcp.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One MCP tool: name, one-line description, parameters, output schema, behaviour hints and the handler that maps
 * checked arguments onto a core service call.
 *
 * @param readOnly the tool never changes data
 * @param destructive the tool can remove or overwrite data (soft delete, unlink, overwrite a file)
 *
 * <p>Immutable; thread-safe if the handler is.
 */
public record ToolDef(String name, String description, List<Param> params, Map<String, Object> outputSchema,
                      boolean readOnly, boolean destructive, Handler handler) {

    /** Maps checked arguments to a result value (a record, page or map, serialised with the core's JSON mapper). */
    @FunctionalInterface
    public interface Handler {
        Object handle(Args args, ToolContext context);
    }

    public ToolDef {
        params = List.copyOf(params);
    }

    /** The input schema: a closed object of the declared parameters. */
    public Map<String, Object> inputSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = params.stream().filter(p -> p.required).map(Param::name).toList();
        params.forEach(p -> properties.put(p.name, p.schema()));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** Shorthand for building tools: a read-only query. */
    public static ToolDef query(String name, String description, List<Param> params, Map<String, Object> output,
                                Handler handler) {
        return new ToolDef(name, description, params, output, true, false, handler);
    }

    /** Shorthand for building tools: a change that only adds or updates. */
    public static ToolDef change(String name, String description, List<Param> params, Map<String, Object> output,
                                 Handler handler) {
        return new ToolDef(name, description, params, output, false, false, handler);
    }

    /** Shorthand for building tools: a change that can remove data. */
    public static ToolDef destructive(String name, String description, List<Param> params, Map<String, Object> output,
                                      Handler handler) {
        return new ToolDef(name, description, params, output, false, true, handler);
    }
}
