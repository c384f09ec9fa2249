package dev.workstate.internal.service;

import dev.workstate.error.Validator;
import dev.workstate.internal.Checks;
import dev.workstate.model.ItemType;
import dev.workstate.model.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict validation of a work item's typed metadata (SPEC §1): the schema is chosen by {@code item_type}; values must
 * have the declared JSON type (a string "200000" is not a number, a boolean is not a number, 1.5 is not an integer),
 * unknown keys are rejected and every bound is checked. Errors are recorded on the caller's {@link Validator} under
 * {@code metadata.<key>}.
 *
 * <p>Values are first normalised with {@link Metadata#normalise}, so Java callers may pass {@code Integer} where JSON
 * readers produce {@code Long}. An optional key given as JSON {@code null} means "not given" and is dropped from the
 * stored form.
 *
 * <p>Stateless; thread-safe.
 */
public final class WorkItemMetadataValidator {
    public static final long TOKEN_BUDGET_MIN = 1_000;
    public static final long TOKEN_BUDGET_MAX = 1_000_000;
    public static final double HOURS_MAX = 1_000;
    public static final int PROJECT_DESCRIPTION_MAX = 1_000;
    public static final int BLOCKED_REASON_MAX = 500;
    public static final int FINDINGS_SUMMARY_MAX = 2_000;

    private static final Map<ItemType, List<String>> KEYS = Map.of(
            ItemType.PROJECT, List.of("description", "target_quarter", "constitutional_principles"),
            ItemType.SESSION, List.of("token_budget", "prompts_count", "yaml_frontmatter"),
            ItemType.TASK, List.of("estimated_hours", "actual_hours", "blocked_reason"),
            ItemType.RESEARCH, List.of("research_questions", "findings_summary", "references"));

    private static final Map<ItemType, Set<String>> REQUIRED = Map.of(
            ItemType.PROJECT, Set.of("description"),
            ItemType.SESSION, Set.of("token_budget", "prompts_count", "yaml_frontmatter"),
            ItemType.TASK, Set.of(),
            ItemType.RESEARCH, Set.of());

    private WorkItemMetadataValidator() {
    }

    /** The metadata keys allowed for {@code type}, in schema order. */
    public static List<String> allowedKeys(ItemType type) {
        return KEYS.get(type);
    }

    /** The keys {@code type} requires. */
    public static Set<String> requiredKeys(ItemType type) {
        return REQUIRED.get(type);
    }

    /**
     * Validates {@code metadata} (null counts as an empty object) for {@code type}.
     *
     * @return the normalised, unmodifiable metadata, or null if any error was recorded on {@code v}
     */
    public static Map<String, Object> validate(Validator v, ItemType type, Map<String, ?> metadata) {
        int before = v.errors().size();
        Map<String, Object> in = metadata == null ? Map.of() : Metadata.freeze(metadata);
        List<String> allowed = KEYS.get(type);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                v.reject("metadata." + e.getKey(), "is not a known " + type.wire() + " metadata key (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (!wellFormed(e.getKey()) || !wellFormedDeep(e.getValue())) {
                v.reject("metadata." + e.getKey(), "must be valid Unicode text (found an unpaired surrogate)");
            }
        }
        for (String key : allowed) {
            Object value = in.get(key);
            String field = "metadata." + key;
            if (value == null) {
                if (REQUIRED.get(type).contains(key)) {
                    v.reject(field, "is required for " + type.wire() + " items");
                }
                continue;
            }
            if (checkValue(v, type, key, field, value)) {
                out.put(key, value);
            }
        }
        return v.errors().size() == before ? Metadata.freeze(out) : null;
    }

    private static boolean checkValue(Validator v, ItemType type, String key, String field, Object value) {
        switch (type) {
            case PROJECT -> {
                return switch (key) {
                    case "description" -> string(v, field, value, PROJECT_DESCRIPTION_MAX, true);
                    case "target_quarter" -> quarter(v, field, value);
                    default -> stringList(v, field, value);
                };
            }
            case SESSION -> {
                return switch (key) {
                    case "token_budget" -> integer(v, field, value, TOKEN_BUDGET_MIN, TOKEN_BUDGET_MAX);
                    case "prompts_count" -> integer(v, field, value, 0, Long.MAX_VALUE);
                    default -> frontmatter(v, field, value);
                };
            }
            case TASK -> {
                return switch (key) {
                    case "estimated_hours", "actual_hours" -> hours(v, field, value);
                    default -> string(v, field, value, BLOCKED_REASON_MAX, false);
                };
            }
            case RESEARCH -> {
                return switch (key) {
                    case "findings_summary" -> string(v, field, value, FINDINGS_SUMMARY_MAX, false);
                    default -> stringList(v, field, value);
                };
            }
            default -> throw new IllegalStateException("unhandled item type " + type);
        }
    }

    private static boolean string(Validator v, String field, Object value, int max, boolean notBlank) {
        if (!(value instanceof String s)) {
            v.reject(field, "must be a string (got " + jsonType(value) + ")");
            return false;
        }
        if (notBlank && s.isBlank()) {
            v.reject(field, "must not be blank");
            return false;
        }
        if (s.length() > max) {
            v.reject(field, "must be at most " + max + " characters (got " + s.length() + ")");
            return false;
        }
        return true;
    }

    private static boolean quarter(Validator v, String field, Object value) {
        if (!(value instanceof String s)) {
            v.reject(field, "must be a string (got " + jsonType(value) + ")");
            return false;
        }
        return Checks.quarter(v, field, s) != null;
    }

    private static boolean integer(Validator v, String field, Object value, long min, long max) {
        if (!(value instanceof Long n)) {
            v.reject(field, "must be an integer (got " + jsonType(value) + ")");
            return false;
        }
        if (n < min || n > max) {
            v.reject(field, max == Long.MAX_VALUE ? "must be at least " + min + " (got " + n + ")"
                    : "must be between " + min + " and " + max + " (got " + n + ")");
            return false;
        }
        return true;
    }

    private static boolean hours(Validator v, String field, Object value) {
        if (!(value instanceof Long) && !(value instanceof Double)) {
            v.reject(field, "must be a number (got " + jsonType(value) + ")");
            return false;
        }
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || d < 0 || d > HOURS_MAX) {
            v.reject(field, "must be between 0 and 1000 (got " + value + ")");
            return false;
        }
        return true;
    }

    private static boolean stringList(Validator v, String field, Object value) {
        if (!(value instanceof List<?> list)) {
            v.reject(field, "must be a list of strings (got " + jsonType(value) + ")");
            return false;
        }
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                bad.add(i);
            }
        }
        if (!bad.isEmpty()) {
            v.reject(field, "must be a list of strings (items at " + bad + " are not strings)");
            return false;
        }
        return true;
    }

    private static boolean frontmatter(Validator v, String field, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            v.reject(field, "must be an object (got " + jsonType(value) + ")");
            return false;
        }
        if (map.get("schema_version") == null) {
            v.reject(field + ".schema_version", "is required");
            return false;
        }
        return true;
    }

    /**
     * Whether {@code s} is well-formed UTF-16 (no unpaired surrogate). Such text cannot be stored as UTF-8 without being
     * silently replaced, so it is rejected instead.
     */
    public static boolean wellFormed(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean wellFormedDeep(Object value) {
        if (value instanceof String s) {
            return wellFormed(s);
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!wellFormed(String.valueOf(e.getKey())) || !wellFormedDeep(e.getValue())) {
                    return false;
                }
            }
        }
        if (value instanceof List<?> l) {
            for (Object o : l) {
                if (!wellFormedDeep(o)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The JSON type name of a normalised value, for messages. */
    static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Long) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }
}
