package dev.workstate.internal;

import dev.workstate.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of Workstate: snake_case property names, ISO-8601 instants, nulls kept (clients see every field),
 * integral numbers read as {@code Long}. Used for metadata columns, the CLI's {@code --json}, MCP results, audit
 * before/after images and outbox payloads, so every frontend prints the same JSON.
 *
 * <p>Thread-safe: the mapper is immutable.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static String writePretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Converts any value (record, map) into a JSON-shaped {@code Map} with snake_case keys. */
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /**
     * Parses a JSON object given as text (e.g. {@code --meta-json}, or an old client's stringified metadata).
     *
     * @throws ValidationException naming {@code field} if it is not valid JSON or not an object
     */
    public static Map<String, Object> parseObject(String field, String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw ValidationException.of(field, "must be a JSON object");
            }
            return MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JacksonException e) {
            throw ValidationException.of(field, "is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
