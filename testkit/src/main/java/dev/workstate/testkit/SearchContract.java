package dev.workstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workstate.model.Page;
import dev.workstate.model.WorkItem;
import dev.workstate.service.NewWorkItem;
import dev.workstate.service.WorkItemQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract of full-text search ({@code list} with {@code query}): title, description and metadata text are searched,
 * case-insensitively, by whole words, all words required; results are ranked; the query combines with the other
 * filters and with paging; changes are searchable at once; operator characters in a query are plain text.
 *
 * <p>Not thread-safe: one instance per test, as JUnit creates them.
 */
public abstract class SearchContract extends WorkItemSupport {

    private WorkItem item(String type, String title, String description, Map<String, Object> metadata) {
        return items().create(new NewWorkItem(type, title, description, metadata, null, null, null, null, null,
                null));
    }

    private Page<WorkItem> search(String query) {
        return items().list(new WorkItemQuery(null, null, null, false, false, query, false, false, 100, 0, null));
    }

    private List<String> titles(String query) {
        return search(query).items().stream().map(WorkItem::title).toList();
    }

    @Test
    void searchesTitleDescriptionAndMetadataByWholeWords() {
        item("task", "Implement tree-sitter parsing", null, Map.of());
        item("task", "Write docs", "Explain the Parser architecture", Map.of());
        item("research", "Survey", null, Map.of("findings_summary", "the lexer is fast",
                "research_questions", List.of("does incremental reparsing help?")));
        item("project", "Platform", null, Map.of("description", "shared infrastructure"));

        assertThat(titles("parsing")).containsExactly("Implement tree-sitter parsing");
        assertThat(titles("PARSER")).containsExactly("Write docs");
        assertThat(titles("lexer")).containsExactly("Survey");
        assertThat(titles("incremental")).containsExactly("Survey");
        assertThat(titles("infrastructure")).containsExactly("Platform");
        assertThat(titles("pars")).as("no prefix matching").isEmpty();
        assertThat(titles("tree parsing")).as("all words, any order").containsExactly("Implement tree-sitter parsing");
        assertThat(titles("tree lexer")).as("every word must match").isEmpty();
        assertThat(titles("findings_summary")).as("metadata keys are not searched").isEmpty();
        assertThat(search("parser").totalCount()).isEqualTo(1);
    }

    @Test
    void strongerMatchesRankFirst() {
        item("task", "Unrelated chore", "Clean up the build; the parser is mentioned once among many other words "
                + "about caching, logging, packaging, release notes, documentation and more", Map.of());
        item("task", "Parser parser", "The parser rewrite: parser errors, parser speed", Map.of());
        item("task", "Parser tweaks", "Small parser fixes", Map.of());
        List<String> ranked = titles("parser");
        assertThat(ranked).hasSize(3);
        assertThat(ranked.get(0)).isEqualTo("Parser parser");
        assertThat(ranked.get(2)).isEqualTo("Unrelated chore");
    }

    @Test
    void queryCombinesWithFiltersAndPaging() {
        for (int i = 0; i < 7; i++) {
            item(i % 2 == 0 ? "task" : "research", "Cache layer " + i, null, Map.of());
        }
        item("task", "Something else", null, Map.of());
        WorkItem gone = item("task", "Cache deleted", null, Map.of());
        items().update(Fixtures.update(gone.id(), 1).deletedAt("NOW()").build());

        assertThat(search("cache").totalCount()).isEqualTo(7);
        Page<WorkItem> page = items().list(new WorkItemQuery("task", null, null, false, false, "cache", false, false,
                2, 0, null));
        assertThat(page.totalCount()).isEqualTo(4);
        assertThat(page.items()).hasSize(2);
        assertThat(page.hasMore()).isTrue();
        Page<WorkItem> last = items().list(new WorkItemQuery("task", null, null, false, false, "cache", false, false,
                2, 2, null));
        assertThat(last.items()).hasSize(2);
        assertThat(last.hasMore()).isFalse();
        assertThat(page.items()).doesNotContainAnyElementsOf(last.items());
        assertThat(items().list(new WorkItemQuery(null, null, null, false, false, "cache", true, false, 100, 0, null))
                .totalCount()).isEqualTo(8);
    }

    @Test
    void changesAreSearchableImmediately() {
        WorkItem w = item("task", "Old wording", "alpha", Map.of("blocked_reason", "waiting for gamma"));
        assertThat(titles("gamma")).containsExactly("Old wording");
        items().update(Fixtures.update(w.id(), 1).title("New wording").description("beta")
                .metadata(Map.of("blocked_reason", "waiting for delta")).build());
        assertThat(titles("old")).isEmpty();
        assertThat(titles("alpha")).isEmpty();
        assertThat(titles("gamma")).isEmpty();
        assertThat(titles("new")).containsExactly("New wording");
        assertThat(titles("beta")).containsExactly("New wording");
        assertThat(titles("delta")).containsExactly("New wording");
    }

    @Test
    void operatorCharactersAreJustText() {
        item("task", "C++ parser-v2 \"quoted\" NEAR AND OR NOT title:x", "body", Map.of());
        for (String q : List.of("c++", "parser-v2", "\"quoted", "quoted\"", "NEAR(parser)", "title:x", "parser*",
                "AND", "OR NOT", "x)", "(", "^parser", "'; DROP TABLE work_items; --", "ünïcödé", "%", "_")) {
            Page<WorkItem> p = search(q);
            assertThat(p.totalCount()).as("query %s", q).isBetween(0L, 1L);
        }
        assertThat(titles("parser v2")).hasSize(1);
        assertThat(titles("near")).hasSize(1);
        assertThat(titles("!!!")).as("a query without words matches nothing").isEmpty();
        assertThat(store.workItems().count()).isEqualTo(1);
    }

    @Test
    void queryLengthIsValidated() {
        assertThat(rejectedFields(() -> search("q".repeat(201)))).containsExactly("query");
        assertThat(rejectedFields(() -> search("   "))).containsExactly("query");
        assertThat(rejectedFields(() -> search(""))).containsExactly("query");
        assertThat(search("q".repeat(200)).items()).isEmpty();
    }
}
