package dev.workstate.mcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Argument builders and sample metadata shared by the MCP tests. Stateless; thread-safe. */
final class Fixtures {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private Fixtures() {
    }

    /** An argument map from alternating keys and values; values may be null (sent as JSON null). */
    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> projectMeta() {
        return args("description", "A project");
    }

    static Map<String, Object> sessionMeta() {
        return args("token_budget", 200000, "prompts_count", 0, "yaml_frontmatter", args("schema_version", "1.0"));
    }

    static Map<String, Object> vendorMeta() {
        return args("format_support", args("excel", true, "csv", true, "pdf", false, "ocr", false),
                "test_results", args("passing", 10, "total", 12, "skipped", 2),
                "extractor_version", "1.2.3", "manifest_compliant", true);
    }

    static Map<String, Object> deploymentMeta(int pr, String title) {
        return args("pr_number", pr, "pr_title", title, "commit_hash", COMMIT,
                "test_summary", args("unit", 150, "integration", 30), "constitutional_compliance", true);
    }

    static String id(Map<String, Object> record) {
        return (String) record.get("id");
    }

    static long version(Map<String, Object> record) {
        return ((Number) record.get("version")).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> record, String key) {
        Object v = record.get(key);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    @SuppressWarnings("unchecked")
    static List<String> fieldsOf(Map<String, Object> error) {
        Map<String, Object> details = (Map<String, Object>) error.get("details");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) details.get("fields")) {
            out.add((String) f.get("field"));
        }
        return out;
    }

    static long p95(List<Long> nanos) {
        Long[] sorted = nanos.toArray(new Long[0]);
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
    }
}
