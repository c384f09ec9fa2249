package dev.workstate.mcp.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output schemas, deliberately small: they state the fields a client can rely on and leave the rest open, because the
 * SDK rejects any result that does not match and because agents pay for every byte of {@code tools/list}.
 *
 * <p>Each schema also admits the error shape {@code {"error": {...}}}: some clients (the TypeScript SDK 1.x) validate
 * the structured content of {@code isError} results against the output schema too.
 *
 * <p>Immutable constants; thread-safe.
 */
final class Out {
    private static final Map<String, Object> STRING = Map.of("type", "string");
    private static final Map<String, Object> INTEGER = Map.of("type", "integer");
    private static final Map<String, Object> ERROR = Map.of("required", List.of("error"));

    /** A versioned record (work item, vendor, enhancement, configuration). */
    static final Map<String, Object> VERSIONED = schema(props("id", Map.of("type", List.of("string", "integer")),
            "version", INTEGER), "id", "version");

    /** A record with an id (deployment). */
    static final Map<String, Object> RECORD = schema(props("id", STRING), "id");

    /** Every list: {items, total_count, limit, offset, has_more}. */
    static final Map<String, Object> PAGE = schema(props("items", Map.of("type", "array"), "total_count", INTEGER,
            "has_more", Map.of("type", "boolean")), "items", "total_count", "limit", "offset", "has_more");

    /** Any object (shapes that vary). */
    static final Map<String, Object> OBJECT = Map.of("type", "object");

    static Map<String, Object> requiring(String... fields) {
        return schema(null, fields);
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> schema(Map<String, Object> properties, String... required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        if (properties != null) {
            s.put("properties", properties);
        }
        s.put("anyOf", List.of(Map.of("required", List.of(required)), ERROR));
        return s;
    }

    private Out() {
    }
}
