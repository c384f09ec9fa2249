package dev.workstate.internal.service;

import dev.workstate.error.Validator;
import dev.workstate.internal.Checks;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Metadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Validation rules of deployments (SPEC §1, reference §2.10): the metadata, all keys required and strictly typed
 * ({@code pr_number} an integer &ge; 1, {@code pr_title} 1-200, {@code commit_hash} 40 lowercase hex,
 * {@code test_summary} category &rarr; integer &ge; 0, {@code constitutional_compliance} a boolean; unknown keys
 * rejected), and the linked id lists (UUIDs, no duplicates).
 *
 * <p>Stateless; thread-safe.
 */
public final class DeploymentRules {
    public static final int PR_TITLE_MAX = 200;
    public static final int CATEGORY_MAX = 100;
    public static final int MAX_LINKS = 1_000;
    public static final List<String> KEYS =
            List.of("pr_number", "pr_title", "commit_hash", "test_summary", "constitutional_compliance");

    private DeploymentRules() {
    }

    /** Validates complete deployment metadata; returns it, or null after recording errors. */
    public static DeploymentMetadata metadata(Validator v, String field, Map<String, ?> given) {
        if (given == null) {
            v.reject(field, "is required");
            return null;
        }
        Map<String, Object> m = Metadata.freeze(given);
        boolean ok = true;
        for (String key : m.keySet()) {
            if (!KEYS.contains(key)) {
                v.reject(field + "." + key, "is not a known deployment metadata key (allowed: "
                        + String.join(", ", KEYS) + ")");
                ok = false;
            }
        }
        for (String key : KEYS) {
            if (m.get(key) == null) {
                v.reject(field + "." + key, "is required");
                ok = false;
            }
        }
        Long pr = null;
        if (m.get("pr_number") != null) {
            Object value = m.get("pr_number");
            if (!(value instanceof Long n)) {
                v.reject(field + ".pr_number", "must be an integer (got " + WorkItemMetadataValidator.jsonType(value)
                        + ")");
                ok = false;
            } else if (n < 1 || n > Integer.MAX_VALUE) {
                v.reject(field + ".pr_number", "must be between 1 and " + Integer.MAX_VALUE + " (got " + n + ")");
                ok = false;
            } else {
                pr = n;
            }
        }
        String title = null;
        if (m.get("pr_title") != null) {
            Object value = m.get("pr_title");
            if (!(value instanceof String s)) {
                v.reject(field + ".pr_title", "must be a string (got " + WorkItemMetadataValidator.jsonType(value)
                        + ")");
                ok = false;
            } else {
                title = Checks.optionalText(v, field + ".pr_title", s, PR_TITLE_MAX, true);
                ok &= title != null;
            }
        }
        String commit = null;
        if (m.get("commit_hash") != null) {
            Object value = m.get("commit_hash");
            if (!(value instanceof String s)) {
                v.reject(field + ".commit_hash", "must be a string (got " + WorkItemMetadataValidator.jsonType(value)
                        + ")");
                ok = false;
            } else {
                commit = Checks.commitHash(v, field + ".commit_hash", s);
                ok &= commit != null;
            }
        }
        Map<String, Long> tests = null;
        if (m.get("test_summary") != null) {
            Object value = m.get("test_summary");
            if (!(value instanceof Map<?, ?> map)) {
                v.reject(field + ".test_summary", "must be an object (got "
                        + WorkItemMetadataValidator.jsonType(value) + ")");
                ok = false;
            } else {
                tests = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String category = String.valueOf(e.getKey());
                    String path = field + ".test_summary." + category;
                    if (category.isBlank() || category.length() > CATEGORY_MAX) {
                        v.reject(field + ".test_summary", "category names must be 1-" + CATEGORY_MAX
                                + " characters, not blank");
                        ok = false;
                    } else if (!(e.getValue() instanceof Long n)) {
                        v.reject(path, "must be an integer (got " + WorkItemMetadataValidator.jsonType(e.getValue())
                                + ")");
                        ok = false;
                    } else if (n < 0) {
                        v.reject(path, "must be at least 0 (got " + n + ")");
                        ok = false;
                    } else {
                        tests.put(category, n);
                    }
                }
            }
        }
        Boolean compliant = null;
        if (m.get("constitutional_compliance") != null) {
            Object value = m.get("constitutional_compliance");
            if (!(value instanceof Boolean b)) {
                v.reject(field + ".constitutional_compliance", "must be true or false (got "
                        + WorkItemMetadataValidator.jsonType(value) + ")");
                ok = false;
            } else {
                compliant = b;
            }
        }
        if (!ok) {
            return null;
        }
        return new DeploymentMetadata(pr.intValue(), title, commit, tests, compliant);
    }

    /**
     * Parses a list of linked ids: each a UUID, no duplicates, at most {@value #MAX_LINKS}; null means none.
     *
     * @return the ids in the given order (possibly with gaps where errors were recorded)
     */
    public static List<UUID> ids(Validator v, String field, List<String> given) {
        List<UUID> out = new ArrayList<>();
        if (given == null) {
            return out;
        }
        if (given.size() > MAX_LINKS) {
            v.reject(field, "must list at most " + MAX_LINKS + " ids (got " + given.size() + ")");
            return out;
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String raw = given.get(i);
            String path = field + "[" + i + "]";
            UUID id = raw == null ? null : Checks.optionalUuid(v, path, raw);
            if (raw == null) {
                v.reject(path, "must be a UUID");
            }
            if (id == null) {
                continue;
            }
            if (!seen.add(id)) {
                v.reject(path, "duplicate id " + id + " (each id may be listed once)");
                continue;
            }
            out.add(id);
        }
        return out;
    }
}
