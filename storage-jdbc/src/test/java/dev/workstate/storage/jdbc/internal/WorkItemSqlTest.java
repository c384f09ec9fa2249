package dev.workstate.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workstate.storage.jdbc.Dialect.SearchSql;
import org.junit.jupiter.api.Test;

/** The list statement's named parameters become JDBC positions with their values in the order they appear. */
class WorkItemSqlTest {

    private static WorkItemSql.Query query() {
        WorkItemSql.Query q = new WorkItemSql.Query();
        q.itemType = "task";
        q.status = "active";
        q.readyOnly = true;
        q.viewer = "ann";
        q.now = 1_700_000_000_000L;
        q.limit = 50;
        q.offset = 100;
        q.search = "ship*";
        q.searchSql = new SearchSql("", "w.search @@ q(#{search})", "rank(w.search, q(#{search})) DESC", "ship*");
        return q;
    }

    @Test
    void everyNamedParameterBecomesAPositionWithItsValueInOrder() {
        WorkItemSql.Query q = query();
        WorkItemSql.Positional p = WorkItemSql.positional(WorkItemSql.list(q), q);

        assertThat(p.sql()).doesNotContain("#{").contains("w.item_type = ?").endsWith("LIMIT ? OFFSET ?");
        assertThat(p.sql().chars().filter(c -> c == '?').count()).isEqualTo(p.values().size());
        assertThat(p.values()).containsExactly("ship*", "task", "active", 1_700_000_000_000L, "ann", "ship*", 50, 100);
    }

    @Test
    void theCountHasTheFiltersButNoPaging() {
        WorkItemSql.Query q = query();
        WorkItemSql.Positional p = WorkItemSql.positional(WorkItemSql.count(q), q);

        assertThat(p.sql()).startsWith("SELECT COUNT(*)").doesNotContain("LIMIT");
        assertThat(p.values()).containsExactly("ship*", "task", "active", 1_700_000_000_000L, "ann");
    }

    @Test
    void anUnknownParameterNameIsAProgrammingError() {
        assertThatThrownBy(() -> WorkItemSql.positional("SELECT #{nope}", new WorkItemSql.Query()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }
}
