package dev.workstate.testkit;

import dev.workstate.model.ItemType;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sample inputs for contract suites: valid metadata for every item type and short-hands for create and update
 * requests.
 *
 * <p>Stateless; thread-safe.
 */
public final class Fixtures {
    /** A valid commit hash (40 lowercase hex characters). */
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private Fixtures() {
    }

    public static Map<String, Object> projectMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "Semantic code search over the repository");
        m.put("target_quarter", "2025-Q4");
        m.put("constitutional_principles", List.of("Simplicity Over Features", "Local-First Architecture"));
        return m;
    }

    public static Map<String, Object> sessionMetadata() {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("schema_version", "1.0");
        fm.put("mode", "implementation");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_budget", 200_000L);
        m.put("prompts_count", 3L);
        m.put("yaml_frontmatter", fm);
        return m;
    }

    public static Map<String, Object> taskMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimated_hours", 2.5);
        m.put("actual_hours", 1L);
        m.put("blocked_reason", "waiting for review");
        return m;
    }

    public static Map<String, Object> researchMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("research_questions", List.of("Which parser handles nested functions?"));
        m.put("findings_summary", "tree-sitter handles every case we tried");
        m.put("references", List.of("https://tree-sitter.github.io"));
        return m;
    }

    /** Valid metadata for {@code type} (a wire name or enum). */
    public static Map<String, Object> metadataFor(Object type) {
        ItemType t = type instanceof ItemType it ? it : ItemType.parse(String.valueOf(type)).orElseThrow();
        return switch (t) {
            case PROJECT -> projectMetadata();
            case SESSION -> sessionMetadata();
            case TASK -> taskMetadata();
            case RESEARCH -> researchMetadata();
        };
    }

    /** A create request for a root item of {@code type} with valid metadata. */
    public static NewWorkItem item(String type, String title) {
        return child(type, title, null);
    }

    /** A create request for a child of {@code parentId} (null for a root). */
    public static NewWorkItem child(String type, String title, Object parentId) {
        return new NewWorkItem(type, title, null, metadataFor(type), parentId == null ? null : parentId.toString(),
                null, null, null, null, null);
    }

    /** A create request with a description and a creator. */
    public static NewWorkItem described(String type, String title, String description, String createdBy) {
        return new NewWorkItem(type, title, description, metadataFor(type), null, null, null, null, null, createdBy);
    }

    /** An update builder at {@code version}. */
    public static WorkItemUpdate.Builder update(UUID id, long version) {
        return WorkItemUpdate.builder(id.toString(), version);
    }
}
