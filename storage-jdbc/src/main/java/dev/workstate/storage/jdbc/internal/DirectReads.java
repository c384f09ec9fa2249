package dev.workstate.storage.jdbc.internal;

import dev.workstate.storage.jdbc.internal.Mappers.VendorMapper;
import dev.workstate.storage.jdbc.internal.Mappers.WorkItemMapper;
import dev.workstate.storage.jdbc.internal.Rows.DependencyRow;
import dev.workstate.storage.jdbc.internal.Rows.VendorRow;
import dev.workstate.storage.jdbc.internal.Rows.WorkItemRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.exceptions.PersistenceException;

/**
 * The hottest reads (a work item by id, a vendor by name, the work items of a hierarchy, an item's links) in plain
 * JDBC on the session's connection, with the row shapes of the {@link Mappers}. MyBatis re-derives its automatic
 * column-to-property mapping by reflection on every query and evaluates dynamic SQL with OGNL on every call, which was
 * about half of the client CPU of a versioned update (two work-item reads each), of a vendor lookup and of a
 * {@code query_work_item}; reading the columns by position costs a fraction of that. Values are still bound parameters.
 * No JDBC query timeout is set, as on the MyBatis path: SQLite has none and PostgreSQL bounds every statement on the
 * server ({@code statement_timeout}).
 *
 * <p>Stateless; thread-safe. Failures are rethrown as MyBatis {@link PersistenceException}s around the
 * {@link SQLException}, so {@link Db} classifies them exactly like mapper failures.
 */
final class DirectReads {
    static final String WORK_ITEM_BY_ID = "SELECT " + WorkItemMapper.COLUMNS + " FROM work_items w WHERE w.id = ?";
    static final String VENDOR_BY_NAME = "SELECT " + VendorMapper.COLUMNS
            + " FROM vendors WHERE lower(name) = lower(?)";
    /** Every link with the item on either end (a self-link cannot exist, but is listed once if it did). */
    static final String DEPENDENCIES_OF = "SELECT source_id, target_id, dependency_type, created_at, created_by"
            + " FROM work_item_dependencies WHERE source_id = ? UNION ALL SELECT source_id, target_id,"
            + " dependency_type, created_at, created_by FROM work_item_dependencies WHERE target_id = ?"
            + " AND source_id <> ? ORDER BY created_at, source_id, target_id";
    /** The subtree statements, indexed by (include deleted ? 1 : 0) + (include archived ? 2 : 0). */
    private static final String[] DESCENDANTS = {descendantsSql(false, false), descendantsSql(true, false),
            descendantsSql(false, true), descendantsSql(true, true)};

    private DirectReads() {
    }

    /** The work item row with {@code id}, or null. */
    static WorkItemRow workItem(Connection c, String id) {
        try (PreparedStatement ps = c.prepareStatement(WORK_ITEM_BY_ID)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? workItemRow(rs) : null;
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading a work item failed", e);
        }
    }

    /**
     * The work item rows with the given ids, in no particular order; ids that do not exist are left out. The list
     * must hold at most a few hundred ids (callers chunk), which stays far below every database's parameter limit.
     */
    static List<WorkItemRow> workItems(Connection c, List<String> ids) {
        StringBuilder sql = new StringBuilder(WORK_ITEM_BY_ID.length() + ids.size() * 2 + 8)
                .append("SELECT ").append(WorkItemMapper.COLUMNS).append(" FROM work_items w WHERE w.id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            return workItemRows(ps);
        } catch (SQLException e) {
            throw new PersistenceException("reading work items failed", e);
        }
    }

    /**
     * The rows whose path lies strictly between {@code low} and {@code high} (a subtree as a range of the indexed
     * path column) down to {@code maxDepth}, by depth then path. The four filter combinations are four fixed
     * statements, so the database sees the same few SQL texts.
     */
    static List<WorkItemRow> descendants(Connection c, String low, String high, int maxDepth, boolean includeDeleted,
                                         boolean includeArchived) {
        String sql = DESCENDANTS[(includeDeleted ? 1 : 0) + (includeArchived ? 2 : 0)];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, low);
            ps.setString(2, high);
            ps.setInt(3, maxDepth);
            return workItemRows(ps);
        } catch (SQLException e) {
            throw new PersistenceException("reading a subtree failed", e);
        }
    }

    private static String descendantsSql(boolean includeDeleted, boolean includeArchived) {
        // Unary + keeps these terms off indexes, so the planner walks the path range (a subtree is a handful of
        // rows) instead of the live-items index (every row).
        return "SELECT " + WorkItemMapper.COLUMNS + " FROM work_items w WHERE w.path > ? AND w.path < ?"
                + " AND w.depth <= ?"
                + (includeDeleted ? "" : " AND +w.deleted_at IS NULL")
                + (includeArchived ? "" : " AND +w.archived_at IS NULL")
                + " ORDER BY w.depth, w.path";
    }

    /** The links of the item {@code id}, oldest first ({@link #DEPENDENCIES_OF}). */
    static List<DependencyRow> dependenciesOf(Connection c, String id) {
        try (PreparedStatement ps = c.prepareStatement(DEPENDENCIES_OF)) {
            ps.setString(1, id);
            ps.setString(2, id);
            ps.setString(3, id);
            List<DependencyRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DependencyRow r = new DependencyRow();
                    r.sourceId = rs.getString(1);
                    r.targetId = rs.getString(2);
                    r.dependencyType = rs.getString(3);
                    r.createdAt = longOrNull(rs, 4);
                    r.createdBy = rs.getString(5);
                    out.add(r);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new PersistenceException("reading dependencies failed", e);
        }
    }

    /** The single number a fixed, parameterless count statement returns (e.g. the outbox size in a status). */
    static long count(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new PersistenceException("counting failed", e);
        }
    }

    private static List<WorkItemRow> workItemRows(PreparedStatement ps) throws SQLException {
        List<WorkItemRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(workItemRow(rs));
            }
        }
        return out;
    }

    /** Whether the single project-configuration row exists (every store has it after its first opening). */
    static boolean configurationExists(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM project_configuration WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new PersistenceException("reading the configuration failed", e);
        }
    }

    /** The vendor row whose name equals {@code name} ignoring case (the database's {@code lower}), or null. */
    static VendorRow vendorByName(Connection c, String name) {
        try (PreparedStatement ps = c.prepareStatement(VENDOR_BY_NAME)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? vendorRow(rs) : null;
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading a vendor failed", e);
        }
    }

    /** Maps the current row, in {@link WorkItemMapper#COLUMNS} order. */
    static WorkItemRow workItemRow(ResultSet rs) throws SQLException {
        WorkItemRow r = new WorkItemRow();
        r.id = rs.getString(1);
        r.version = longOrNull(rs, 2);
        r.itemType = rs.getString(3);
        r.title = rs.getString(4);
        r.description = rs.getString(5);
        r.status = rs.getString(6);
        r.parentId = rs.getString(7);
        r.path = rs.getString(8);
        r.depth = intOrNull(rs, 9);
        r.branchName = rs.getString(10);
        r.commitHash = rs.getString(11);
        r.prNumber = intOrNull(rs, 12);
        r.metadata = rs.getString(13);
        r.metadataText = rs.getString(14);
        r.claimedBy = rs.getString(15);
        r.claimExpiresAt = longOrNull(rs, 16);
        r.deletedAt = longOrNull(rs, 17);
        r.archivedAt = longOrNull(rs, 18);
        r.createdAt = longOrNull(rs, 19);
        r.updatedAt = longOrNull(rs, 20);
        r.createdBy = rs.getString(21);
        r.updatedBy = rs.getString(22);
        return r;
    }

    /** Maps the current row, in {@link VendorMapper#COLUMNS} order. */
    static VendorRow vendorRow(ResultSet rs) throws SQLException {
        VendorRow r = new VendorRow();
        r.id = rs.getString(1);
        r.version = longOrNull(rs, 2);
        r.name = rs.getString(3);
        r.status = rs.getString(4);
        r.extractorVersion = rs.getString(5);
        r.metadata = rs.getString(6);
        r.createdAt = longOrNull(rs, 7);
        r.updatedAt = longOrNull(rs, 8);
        r.createdBy = rs.getString(9);
        r.updatedBy = rs.getString(10);
        return r;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
