package dev.workstate.mcp.tool;

import java.util.List;
import java.util.Map;

/**
 * Output schemas, deliberately small: they state the fields a client can rely on and leave the rest open, because the
 * SDK rejects any result that does not match and because agents pay for every byte of {@code tools/list}.
 *
 * <p>Immutable constants; thread-safe.
 */
final class Out {
    private static final Map<String, Object> STRING = Map.of("type", "string");
    private static final Map<String, Object> INTEGER = Map.of("type", "integer");

    /** A versioned record (work item, vendor, enhancement, configuration). */
    static final Map<String, Object> VERSIONED = Map.of("type", "object",
            "properties", Map.of("id", Map.of("type", List.of("string", "integer")), "version", INTEGER),
            "required", List.of("id", "version"));

    /** A record with an id (deployment). */
    static final Map<String, Object> RECORD = Map.of("type", "object",
            "properties", Map.of("id", STRING), "required", List.of("id"));

    /** Every list: {items, total_count, limit, offset, has_more}. */
    static final Map<String, Object> PAGE = Map.of("type", "object",
            "properties", Map.of("items", Map.of("type", "array"), "total_count", INTEGER, "has_more",
                    Map.of("type", "boolean")),
            "required", List.of("items", "total_count", "limit", "offset", "has_more"));

    /** Any object (shapes that vary). */
    static final Map<String, Object> OBJECT = Map.of("type", "object");

    static Map<String, Object> requiring(String... fields) {
        return Map.of("type", "object", "required", List.of(fields));
    }

    private Out() {
    }
}
