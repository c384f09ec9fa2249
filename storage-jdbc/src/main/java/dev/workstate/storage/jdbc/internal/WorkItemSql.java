package dev.workstate.storage.jdbc.internal;

import dev.workstate.storage.jdbc.Dialect.SearchSql;

/**
 * Builds the work-item list and count statements. Only fixed SQL text is assembled here (which filters apply, the
 * dialect's search fragments); every value is a {@code #{...}} bound parameter of the {@link Query}.
 *
 * <p>Stateless; thread-safe.
 */
public final class WorkItemSql {

    /** The bound parameters and the shape of one list query; mutable, confined to one call. */
    public static final class Query {
        public String itemType;
        public String status;
        public String parentId;
        public boolean rootOnly;
        public boolean readyOnly;
        public boolean includeDeleted;
        public boolean includeArchived;
        public String viewer;
        public long now;
        public int limit;
        public int offset;
        /** The bound full-text query ({@code #{search}}), with {@link #searchSql} the fragments; null for none. */
        public String search;
        public transient SearchSql searchSql;
        /** See {@link dev.workstate.storage.jdbc.Dialect#pagesWalkListOrder()}. */
        public transient boolean pageWalksListOrder;
    }

    public static String list(Query q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(Mappers.WorkItemMapper.COLUMNS)
                .append(" FROM work_items w");
        fromAndWhere(sql, q, q.pageWalksListOrder ? "+" : "");
        sql.append(" ORDER BY ");
        if (q.searchSql != null) {
            sql.append(q.searchSql.rankOrder()).append(", ");
        }
        sql.append("w.updated_at DESC, w.id DESC LIMIT #{limit} OFFSET #{offset}");
        return sql.toString();
    }

    public static String count(Query q) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM work_items w");
        fromAndWhere(sql, q, "");
        return sql.toString();
    }

    /** {@code unindexed} is put before the type and status columns: SQLite's unary {@code +} hides their index. */
    private static void fromAndWhere(StringBuilder sql, Query q, String unindexed) {
        if (q.searchSql != null && q.searchSql.join() != null && !q.searchSql.join().isEmpty()) {
            sql.append(' ').append(q.searchSql.join());
        }
        sql.append(" WHERE 1 = 1");
        if (q.searchSql != null && q.searchSql.where() != null) {
            sql.append(" AND ").append(q.searchSql.where());
        }
        if (q.itemType != null) {
            sql.append(" AND ").append(unindexed).append("w.item_type = #{itemType}");
        }
        if (q.status != null) {
            sql.append(" AND ").append(unindexed).append("w.status = #{status}");
        }
        if (q.parentId != null) {
            sql.append(" AND w.parent_id = #{parentId}");
        }
        if (q.rootOnly) {
            sql.append(" AND w.parent_id IS NULL");
        }
        if (!q.includeDeleted) {
            sql.append(" AND w.deleted_at IS NULL");
        }
        if (!q.includeArchived) {
            sql.append(" AND w.archived_at IS NULL");
        }
        if (q.readyOnly) {
            // Ready: active, live, nothing it waits on still open (a completed or deleted item no longer holds it up),
            // and not leased to someone other than the viewer at `now`. The items held up are computed once, from the
            // dependency side (CROSS JOIN: SQLite then reads the few links first instead of every live item), rather
            // than probed twice per live item: the page's total_count visits every live item.
            sql.append(" AND w.status = 'active' AND w.deleted_at IS NULL AND w.archived_at IS NULL")
                    .append(" AND w.id NOT IN (SELECT d.source_id FROM work_item_dependencies d CROSS JOIN work_items b")
                    .append(" WHERE b.id = d.target_id AND d.dependency_type = 'depends_on'")
                    .append(" AND b.deleted_at IS NULL AND b.status <> 'completed'")
                    .append(" UNION ALL SELECT d.target_id FROM work_item_dependencies d CROSS JOIN work_items b")
                    .append(" WHERE b.id = d.source_id AND d.dependency_type = 'blocks'")
                    .append(" AND b.deleted_at IS NULL AND b.status <> 'completed')")
                    .append(" AND (w.claimed_by IS NULL OR w.claim_expires_at IS NULL OR w.claim_expires_at <= #{now}");
            if (q.viewer != null) {
                sql.append(" OR w.claimed_by = #{viewer}");
            }
            sql.append(')');
        }
    }

    private WorkItemSql() {
    }
}
