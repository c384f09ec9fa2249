package dev.workstate.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.error.FieldError;
import dev.workstate.error.Validator;
import dev.workstate.model.DeploymentMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeploymentRulesTest {
    private static final String HASH = "a".repeat(40);

    static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("pr_number", 123);
        m.put("pr_title", "Add vendor extractors");
        m.put("commit_hash", HASH);
        m.put("test_summary", Map.of("unit", 150, "integration", 30));
        m.put("constitutional_compliance", true);
        return m;
    }

    private static List<String> errorsFor(Map<String, Object> metadata) {
        Validator v = new Validator();
        DeploymentMetadata m = DeploymentRules.metadata(v, "metadata", metadata);
        assertThat(m == null).isEqualTo(v.hasErrors());
        return v.errors().stream().map(FieldError::field).toList();
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = valid();
        m.put(key, value);
        return m;
    }

    @Test
    void acceptsValidMetadata() {
        Validator v = new Validator();
        DeploymentMetadata m = DeploymentRules.metadata(v, "metadata", valid());
        assertThat(m).isEqualTo(new DeploymentMetadata(123, "Add vendor extractors", HASH,
                Map.of("unit", 150L, "integration", 30L), true));
        assertThat(m.testSummary().keySet()).containsExactly("integration", "unit");
    }

    @Test
    void everyKeyIsRequired() {
        assertThat(errorsFor(null)).containsExactly("metadata");
        assertThat(errorsFor(Map.of())).containsExactlyInAnyOrder("metadata.pr_number", "metadata.pr_title",
                "metadata.commit_hash", "metadata.test_summary", "metadata.constitutional_compliance");
        assertThat(errorsFor(with("pr_title", null))).containsExactly("metadata.pr_title");
    }

    @Test
    void prNumberBounds() {
        assertThat(errorsFor(with("pr_number", 1))).isEmpty();
        assertThat(errorsFor(with("pr_number", 0))).containsExactly("metadata.pr_number");
        assertThat(errorsFor(with("pr_number", -5))).containsExactly("metadata.pr_number");
        assertThat(errorsFor(with("pr_number", "12"))).containsExactly("metadata.pr_number");
        assertThat(errorsFor(with("pr_number", 1.5))).containsExactly("metadata.pr_number");
        assertThat(errorsFor(with("pr_number", 3_000_000_000L))).containsExactly("metadata.pr_number");
    }

    @Test
    void titleBounds() {
        assertThat(errorsFor(with("pr_title", "t".repeat(200)))).isEmpty();
        assertThat(errorsFor(with("pr_title", "t".repeat(201)))).containsExactly("metadata.pr_title");
        assertThat(errorsFor(with("pr_title", ""))).containsExactly("metadata.pr_title");
        assertThat(errorsFor(with("pr_title", "   "))).containsExactly("metadata.pr_title");
        assertThat(errorsFor(with("pr_title", 7))).containsExactly("metadata.pr_title");
    }

    @Test
    void commitHashIsFortyLowercaseHex() {
        for (String bad : List.of("A".repeat(40), "a".repeat(39), "a".repeat(41), "g".repeat(40), "")) {
            assertThat(errorsFor(with("commit_hash", bad))).as(bad).containsExactly("metadata.commit_hash");
        }
        assertThat(errorsFor(with("commit_hash", "0123456789abcdef0123456789abcdef01234567"))).isEmpty();
    }

    @Test
    void testSummaryCounts() {
        assertThat(errorsFor(with("test_summary", Map.of()))).isEmpty();
        assertThat(errorsFor(with("test_summary", Map.of("unit", -1)))).containsExactly("metadata.test_summary.unit");
        assertThat(errorsFor(with("test_summary", Map.of("unit", "5")))).containsExactly("metadata.test_summary.unit");
        assertThat(errorsFor(with("test_summary", List.of(1)))).containsExactly("metadata.test_summary");
        assertThat(errorsFor(with("test_summary", Map.of(" ", 1)))).containsExactly("metadata.test_summary");
    }

    @Test
    void complianceIsABoolean() {
        assertThat(errorsFor(with("constitutional_compliance", "true")))
                .containsExactly("metadata.constitutional_compliance");
        assertThat(errorsFor(with("constitutional_compliance", 1)))
                .containsExactly("metadata.constitutional_compliance");
    }

    @Test
    void unknownKeysAreRejected() {
        assertThat(errorsFor(with("deployed_by", "me"))).containsExactly("metadata.deployed_by");
    }

    @Test
    void idLists() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Validator ok = new Validator();
        assertThat(DeploymentRules.ids(ok, "vendor_ids", List.of(a.toString(), b.toString()))).containsExactly(a, b);
        assertThat(DeploymentRules.ids(ok, "vendor_ids", null)).isEmpty();
        assertThat(ok.hasErrors()).isFalse();

        Validator dup = new Validator();
        DeploymentRules.ids(dup, "vendor_ids", List.of(a.toString(), b.toString(), a.toString().toUpperCase()));
        assertThat(dup.errors()).extracting(FieldError::field).containsExactly("vendor_ids[2]");
        assertThat(dup.errors().get(0).message()).contains("duplicate").contains(a.toString());

        Validator bad = new Validator();
        DeploymentRules.ids(bad, "work_item_ids", new ArrayList<>(Arrays.asList("nope", null, "")));
        assertThat(bad.errors()).extracting(FieldError::field)
                .containsExactly("work_item_ids[0]", "work_item_ids[1]", "work_item_ids[2]");
    }
}
