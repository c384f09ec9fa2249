package dev.workstate.mcp.tool;

import dev.workstate.error.Validator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The arguments of one tool call, checked against the tool's {@link Param} declarations before any service runs:
 * unknown names, missing required values, wrong JSON types, enum values, lengths and numeric bounds are all reported at
 * once as one VALIDATION_ERROR naming each field. Nothing is coerced ("5" is not an integer).
 *
 * <p>{@code null} handling: for a {@link Param#nullable() nullable} parameter JSON null means "clear"; for any other
 * optional parameter it means "not given" (clients often send explicit nulls); for a required one it is "is required".
 *
 * <p>Immutable after {@link #check}; confined to one call.
 */
public final class Args {
    private final Map<String, Object> values;
    private final Set<String> explicitNulls;

    private Args(Map<String, Object> values, Set<String> explicitNulls) {
        this.values = values;
        this.explicitNulls = explicitNulls;
    }

    /**
     * Validates raw arguments.
     *
     * @throws dev.workstate.error.ValidationException listing every bad field
     */
    public static Args check(Map<String, Object> raw, List<Param> params) {
        Map<String, Object> in = raw == null ? Map.of() : raw;
        Validator v = new Validator();
        Map<String, Param> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.name, p));
        for (String key : in.keySet()) {
            if (!byName.containsKey(key)) {
                v.reject(key, byName.isEmpty() ? "unknown argument; this tool takes none"
                        : "unknown argument; allowed: " + String.join(", ", byName.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> nulls = new HashSet<>();
        for (Param p : params) {
            boolean present = in.containsKey(p.name);
            Object value = in.get(p.name);
            if (value == null) {
                if (p.required) {
                    v.reject(p.name, "is required");
                } else if (present && p.nullable) {
                    nulls.add(p.name);
                }
                continue;
            }
            Object checked = checkValue(v, p, value);
            if (checked != null) {
                values.put(p.name, checked);
            }
        }
        v.throwIfInvalid();
        return new Args(values, nulls);
    }

    private static Object checkValue(Validator v, Param p, Object value) {
        switch (p.kind) {
            case STRING -> {
                if (!(value instanceof String s)) {
                    v.reject(p.name, "must be a string" + typeHint(value));
                    return null;
                }
                return checkString(v, p, s);
            }
            case INTEGER -> {
                Long n = asLong(value);
                if (n == null) {
                    v.reject(p.name, "must be an integer" + typeHint(value));
                    return null;
                }
                if (p.minimum != null && n < p.minimum || p.maximum != null && n > p.maximum) {
                    v.reject(p.name, bounds(p) + " (got " + n + ")");
                    return null;
                }
                return n;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    v.reject(p.name, "must be true or false" + typeHint(value));
                    return null;
                }
                return value;
            }
            case OBJECT -> {
                if (!(value instanceof Map)) {
                    v.reject(p.name, "must be a JSON object" + typeHint(value));
                    return null;
                }
                return value;
            }
            case OBJECT_OR_STRING -> {
                if (!(value instanceof Map) && !(value instanceof String)) {
                    v.reject(p.name, "must be a JSON object (or a JSON object encoded as a string)" + typeHint(value));
                    return null;
                }
                return value;
            }
            case UUID_ARRAY -> {
                if (!(value instanceof List<?> list)) {
                    v.reject(p.name, "must be an array of UUID strings" + typeHint(value));
                    return null;
                }
                List<String> out = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                boolean ok = true;
                for (int i = 0; i < list.size(); i++) {
                    Object e = list.get(i);
                    String field = p.name + "[" + i + "]";
                    if (!(e instanceof String s) || !isUuid(s)) {
                        v.reject(field, "must be a UUID string");
                        ok = false;
                    } else if (!seen.add(s.toLowerCase())) {
                        v.reject(field, "duplicate id " + s);
                        ok = false;
                    } else {
                        out.add(s);
                    }
                }
                return ok ? out : null;
            }
            case STRING_ARRAY -> {
                if (!(value instanceof List<?> list)) {
                    v.reject(p.name, "must be an array of strings" + typeHint(value));
                    return null;
                }
                boolean ok = true;
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof String)) {
                        v.reject(p.name + "[" + i + "]", "must be a string");
                        ok = false;
                    }
                }
                return ok ? List.copyOf((List<?>) list) : null;
            }
            default -> throw new IllegalStateException(p.kind.toString());
        }
    }

    private static String checkString(Validator v, Param p, String s) {
        if (p.values != null && !p.values.contains(s)) {
            v.reject(p.name, "must be one of " + String.join(", ", p.values) + " (got '" + s + "')");
            return null;
        }
        if (p.maxLength != null && s.length() > p.maxLength) {
            v.reject(p.name, "must be at most " + p.maxLength + " characters (got " + s.length() + ")");
            return null;
        }
        if ("uuid".equals(p.format) && !isUuid(s)) {
            v.reject(p.name, "must be a UUID");
            return null;
        }
        if (p.pattern != null && !Pattern.compile(p.pattern).matcher(s).find()) {
            v.reject(p.name, "must match " + p.pattern);
            return null;
        }
        return s;
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String bounds(Param p) {
        if (p.minimum != null && p.maximum != null) {
            return "must be between " + p.minimum + " and " + p.maximum;
        }
        return p.minimum != null ? "must be at least " + p.minimum : "must be at most " + p.maximum;
    }

    private static Long asLong(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : null;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // JSON Schema counts 5.0 as an integer.
            BigDecimal d = new BigDecimal(value.toString());
            try {
                return d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static String typeHint(Object value) {
        String type;
        if (value instanceof String) {
            type = "a string";
        } else if (value instanceof Boolean) {
            type = "a boolean";
        } else if (value instanceof Number) {
            type = "a number";
        } else if (value instanceof Map) {
            type = "an object";
        } else if (value instanceof List) {
            type = "an array";
        } else {
            type = "another type";
        }
        return " (got " + type + ")";
    }

    /** True if the argument was given with a non-null value. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** True if the argument was given as JSON null on a nullable parameter. */
    public boolean isNull(String name) {
        return explicitNulls.contains(name);
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public Long longValue(String name) {
        return (Long) values.get(name);
    }

    public Integer integer(String name) {
        Long v = (Long) values.get(name);
        return v == null ? null : Math.toIntExact(v);
    }

    public boolean flag(String name, boolean fallback) {
        Object v = values.get(name);
        return v == null ? fallback : (Boolean) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) {
        return (Map<String, Object>) values.get(name);
    }

    public Object raw(String name) {
        return values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        return (List<String>) values.get(name);
    }

    /**
     * A tri-state for update requests: {@code null} when the argument was not given, {@code Optional.empty()} when it
     * was given as JSON null (clear), the value otherwise.
     */
    public <T> Optional<T> tri(String name, Class<T> type) {
        if (explicitNulls.contains(name)) {
            return Optional.empty();
        }
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (type == Integer.class && v instanceof Long l) {
            return Optional.of(type.cast(Math.toIntExact(l)));
        }
        return Optional.of(type.cast(v));
    }
}
