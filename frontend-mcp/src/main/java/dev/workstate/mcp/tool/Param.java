package dev.workstate.mcp.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool parameter: its JSON type, bounds and description. The same declaration generates the tool's input schema
 * and drives {@link Args}' type checks, so the advertised schema and the enforced rules cannot drift apart.
 *
 * <p>Configured fluently while the tool list is built, then never changed; safe to share between threads afterwards.
 */
public final class Param {

    /** The JSON shape a parameter accepts. */
    public enum Kind { STRING, INTEGER, BOOLEAN, OBJECT, UUID_ARRAY, STRING_ARRAY, OBJECT_OR_STRING }

    final String name;
    final Kind kind;
    boolean required;
    boolean nullable;
    String description;
    Long minimum;
    Long maximum;
    Integer maxLength;
    List<String> values;
    String format;
    String pattern;

    private Param(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    public static Param string(String name) {
        return new Param(name, Kind.STRING);
    }

    public static Param uuid(String name) {
        return string(name).format("uuid");
    }

    public static Param integer(String name) {
        return new Param(name, Kind.INTEGER);
    }

    public static Param bool(String name) {
        return new Param(name, Kind.BOOLEAN);
    }

    public static Param object(String name) {
        return new Param(name, Kind.OBJECT);
    }

    public static Param uuids(String name) {
        return new Param(name, Kind.UUID_ARRAY);
    }

    public static Param stringList(String name) {
        return new Param(name, Kind.STRING_ARRAY);
    }

    public static Param objectOrString(String name) {
        return new Param(name, Kind.OBJECT_OR_STRING);
    }

    public static Param oneOf(String name, List<String> values) {
        Param p = string(name);
        p.values = List.copyOf(values);
        return p;
    }

    public Param required() {
        required = true;
        return this;
    }

    /** JSON {@code null} is accepted and means "clear the stored value". */
    public Param nullable() {
        nullable = true;
        return this;
    }

    public Param desc(String text) {
        description = text;
        return this;
    }

    public Param min(long v) {
        minimum = v;
        return this;
    }

    public Param max(long v) {
        maximum = v;
        return this;
    }

    public Param range(long min, long max) {
        return min(min).max(max);
    }

    public Param maxLength(int v) {
        maxLength = v;
        return this;
    }

    public Param format(String v) {
        format = v;
        return this;
    }

    public Param pattern(String v) {
        pattern = v;
        return this;
    }

    public String name() {
        return name;
    }

    /** This parameter's JSON Schema (2020-12), kept short: agents pay for every byte of {@code tools/list}. */
    Map<String, Object> schema() {
        Map<String, Object> s = new LinkedHashMap<>();
        String type = switch (kind) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case UUID_ARRAY, STRING_ARRAY -> "array";
            case OBJECT_OR_STRING -> null;
        };
        if (kind == Kind.OBJECT_OR_STRING) {
            s.put("type", nullable ? List.of("object", "string", "null") : List.of("object", "string"));
        } else {
            s.put("type", nullable ? List.of(type, "null") : type);
        }
        if (values != null) {
            s.put("enum", values);
        }
        if (format != null) {
            s.put("format", format);
        }
        if (pattern != null) {
            s.put("pattern", pattern);
        }
        if (maxLength != null) {
            s.put("maxLength", maxLength);
        }
        if (minimum != null) {
            s.put("minimum", minimum);
        }
        if (maximum != null) {
            s.put("maximum", maximum);
        }
        if (kind == Kind.UUID_ARRAY) {
            s.put("items", Map.of("type", "string", "format", "uuid"));
            s.put("uniqueItems", true);
        }
        if (kind == Kind.STRING_ARRAY) {
            s.put("items", Map.of("type", "string"));
        }
        if (description != null) {
            s.put("description", description);
        }
        return s;
    }
}
