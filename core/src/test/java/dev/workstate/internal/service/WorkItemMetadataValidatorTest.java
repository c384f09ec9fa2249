package dev.workstate.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.error.FieldError;
import dev.workstate.error.Validator;
import dev.workstate.model.ItemType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkItemMetadataValidatorTest {

    private static List<String> errors(ItemType type, Map<String, ?> metadata) {
        Validator v = new Validator();
        WorkItemMetadataValidator.validate(v, type, metadata);
        return v.errors().stream().map(FieldError::field).toList();
    }

    private static Map<String, Object> session(Object budget, Object prompts, Object frontmatter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_budget", budget);
        m.put("prompts_count", prompts);
        m.put("yaml_frontmatter", frontmatter);
        return m;
    }

    @Test
    void sessionTokenBudgetBoundsOnBothSides() {
        Map<String, Object> fm = Map.of("schema_version", "1.0");
        assertThat(errors(ItemType.SESSION, session(999L, 0L, fm))).containsExactly("metadata.token_budget");
        assertThat(errors(ItemType.SESSION, session(1000L, 0L, fm))).isEmpty();
        assertThat(errors(ItemType.SESSION, session(1_000_000L, 0L, fm))).isEmpty();
        assertThat(errors(ItemType.SESSION, session(1_000_001L, 0L, fm))).containsExactly("metadata.token_budget");
        assertThat(errors(ItemType.SESSION, session(200_000, 0, fm))).as("Integer from Java callers").isEmpty();
    }

    @Test
    void sessionRejectsWrongJsonTypesWithoutCoercion() {
        Map<String, Object> fm = Map.of("schema_version", "1.0");
        assertThat(errors(ItemType.SESSION, session("200000", 0L, fm))).containsExactly("metadata.token_budget");
        assertThat(errors(ItemType.SESSION, session(200000.0, 0L, fm))).containsExactly("metadata.token_budget");
        assertThat(errors(ItemType.SESSION, session(true, 0L, fm))).containsExactly("metadata.token_budget");
        assertThat(errors(ItemType.SESSION, session(200000L, -1L, fm))).containsExactly("metadata.prompts_count");
        assertThat(errors(ItemType.SESSION, session(200000L, "3", fm))).containsExactly("metadata.prompts_count");
        assertThat(errors(ItemType.SESSION, session(200000L, 0L, "schema_version: 1")))
                .containsExactly("metadata.yaml_frontmatter");
        assertThat(errors(ItemType.SESSION, session(200000L, 0L, Map.of("mode", "x"))))
                .containsExactly("metadata.yaml_frontmatter.schema_version");
    }

    @Test
    void sessionRequiresAllThreeKeys() {
        assertThat(errors(ItemType.SESSION, Map.of())).containsExactlyInAnyOrder("metadata.token_budget",
                "metadata.prompts_count", "metadata.yaml_frontmatter");
        assertThat(errors(ItemType.SESSION, null)).hasSize(3);
    }

    @Test
    void projectRules() {
        assertThat(errors(ItemType.PROJECT, Map.of("description", "x".repeat(1000)))).isEmpty();
        assertThat(errors(ItemType.PROJECT, Map.of("description", "x".repeat(1001))))
                .containsExactly("metadata.description");
        assertThat(errors(ItemType.PROJECT, Map.of("description", " "))).containsExactly("metadata.description");
        assertThat(errors(ItemType.PROJECT, Map.of())).containsExactly("metadata.description");
        for (String q : List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")) {
            assertThat(errors(ItemType.PROJECT, Map.of("description", "d", "target_quarter", q))).isEmpty();
        }
        for (Object q : List.of("2025-Q5", "Q1-2025", "2025-Q0", "25-Q1", 2025L)) {
            assertThat(errors(ItemType.PROJECT, Map.of("description", "d", "target_quarter", q)))
                    .containsExactly("metadata.target_quarter");
        }
        assertThat(errors(ItemType.PROJECT, Map.of("description", "d", "constitutional_principles",
                List.of("Simplicity", "Local-First")))).isEmpty();
        assertThat(errors(ItemType.PROJECT, Map.of("description", "d", "constitutional_principles",
                List.of("ok", 3L)))).containsExactly("metadata.constitutional_principles");
        assertThat(errors(ItemType.PROJECT, Map.of("description", "d", "constitutional_principles", "Simplicity")))
                .containsExactly("metadata.constitutional_principles");
    }

    @Test
    void taskHoursAcceptIntegersAndDecimalsWithinBounds() {
        assertThat(errors(ItemType.TASK, Map.of())).isEmpty();
        assertThat(errors(ItemType.TASK, Map.of("estimated_hours", 0L, "actual_hours", 1000L))).isEmpty();
        assertThat(errors(ItemType.TASK, Map.of("estimated_hours", 0.0, "actual_hours", 1000.0))).isEmpty();
        assertThat(errors(ItemType.TASK, Map.of("estimated_hours", 3.5))).isEmpty();
        assertThat(errors(ItemType.TASK, Map.of("estimated_hours", new BigDecimal("2.25")))).isEmpty();
        assertThat(errors(ItemType.TASK, Map.of("estimated_hours", -0.1))).containsExactly("metadata.estimated_hours");
        assertThat(errors(ItemType.TASK, Map.of("actual_hours", 1000.1))).containsExactly("metadata.actual_hours");
        assertThat(errors(ItemType.TASK, Map.of("actual_hours", Double.NaN))).containsExactly("metadata.actual_hours");
        assertThat(errors(ItemType.TASK, Map.of("actual_hours", "3"))).containsExactly("metadata.actual_hours");
        assertThat(errors(ItemType.TASK, Map.of("actual_hours", false))).containsExactly("metadata.actual_hours");
        assertThat(errors(ItemType.TASK, Map.of("blocked_reason", "x".repeat(500)))).isEmpty();
        assertThat(errors(ItemType.TASK, Map.of("blocked_reason", "x".repeat(501))))
                .containsExactly("metadata.blocked_reason");
        assertThat(errors(ItemType.TASK, Map.of("blocked_reason", 5L))).containsExactly("metadata.blocked_reason");
    }

    @Test
    void researchRules() {
        assertThat(errors(ItemType.RESEARCH, Map.of())).isEmpty();
        assertThat(errors(ItemType.RESEARCH, Map.of("findings_summary", "x".repeat(2000)))).isEmpty();
        assertThat(errors(ItemType.RESEARCH, Map.of("findings_summary", "x".repeat(2001))))
                .containsExactly("metadata.findings_summary");
        assertThat(errors(ItemType.RESEARCH, Map.of("research_questions", List.of("why?"), "references",
                List.of("https://example.org")))).isEmpty();
        assertThat(errors(ItemType.RESEARCH, Map.of("research_questions", "why?", "references", List.of(1L))))
                .containsExactlyInAnyOrder("metadata.research_questions", "metadata.references");
    }

    @ParameterizedTest
    @ValueSource(strings = {"project", "session", "task", "research"})
    void unknownKeysAreRejected(String wire) {
        ItemType type = ItemType.parse(wire).orElseThrow();
        assertThat(errors(type, Map.of("surprise", 1L))).contains("metadata.surprise");
    }

    @Test
    void metadataOfAnotherTypeIsRejected() {
        assertThat(errors(ItemType.TASK, Map.of("description", "a project description")))
                .containsExactly("metadata.description");
        assertThat(errors(ItemType.RESEARCH, Map.of("token_budget", 2000L))).containsExactly("metadata.token_budget");
    }

    @Test
    void optionalNullsAreDroppedAndOutputIsNormalised() {
        Map<String, Object> in = new HashMap<>();
        in.put("estimated_hours", 3);
        in.put("blocked_reason", null);
        Validator v = new Validator();
        Map<String, Object> out = WorkItemMetadataValidator.validate(v, ItemType.TASK, in);
        assertThat(v.hasErrors()).isFalse();
        assertThat(out).containsExactly(Map.entry("estimated_hours", 3L));
    }

    @Test
    void returnsNullWhenInvalidAndCollectsEveryError() {
        Validator v = new Validator();
        Map<String, Object> out = WorkItemMetadataValidator.validate(v, ItemType.SESSION,
                session("x", -5L, Map.of()));
        assertThat(out).isNull();
        assertThat(v.errors()).extracting(FieldError::field).containsExactly("metadata.token_budget",
                "metadata.prompts_count", "metadata.yaml_frontmatter.schema_version");
        assertThat(v.errors().get(0).message()).contains("integer").contains("string");
    }
}
