package dev.workstate.storage.jdbc.internal;

import dev.workstate.storage.jdbc.internal.Rows.AuditRow;
import dev.workstate.storage.jdbc.internal.Rows.ConfigurationRow;
import dev.workstate.storage.jdbc.internal.Rows.ConflictRow;
import dev.workstate.storage.jdbc.internal.Rows.DependencyRow;
import dev.workstate.storage.jdbc.internal.Rows.DeploymentRow;
import dev.workstate.storage.jdbc.internal.Rows.EnhancementRow;
import dev.workstate.storage.jdbc.internal.Rows.LinkRow;
import dev.workstate.storage.jdbc.internal.Rows.OutboxRow;
import dev.workstate.storage.jdbc.internal.Rows.VendorRow;
import dev.workstate.storage.jdbc.internal.Rows.WorkItemRow;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.SelectProvider;
import org.apache.ibatis.annotations.Update;

/**
 * The MyBatis annotation mappers of the JDBC store. Results map by column name onto {@link Rows}; parameters bind by
 * name (the build compiles with {@code -parameters}). Every value is a bound parameter; the only SQL assembled in
 * Java is fixed text (see {@link WorkItemSql}).
 *
 * <p>Mapper proxies are bound to one MyBatis session and used by one thread.
 */
public final class Mappers {
    private Mappers() {
    }

    /** Work items and their dependencies. */
    public interface WorkItemMapper {
        String COLUMNS = "w.id, w.version, w.item_type, w.title, w.description, w.status, w.parent_id, w.path, "
                + "w.depth, w.branch_name, w.commit_hash, w.pr_number, w.metadata, w.metadata_text, w.claimed_by, "
                + "w.claim_expires_at, w.deleted_at, w.archived_at, w.created_at, w.updated_at, w.created_by, "
                + "w.updated_by";


        @Select("SELECT " + COLUMNS + " FROM work_items w WHERE w.id = #{id}")
        WorkItemRow get(String id);

        /** Rewrites the path prefix of a subtree; {@code cut} is the 1-based position after the old prefix. */
        @Update("UPDATE work_items SET path = #{newPrefix} || substr(path, #{cut}), depth = depth + #{depthDelta}"
                + " WHERE path > #{low} AND path < #{high}")
        int moveSubtree(String newPrefix, int cut, int depthDelta, String low, String high);

        @Update("UPDATE work_items SET claimed_by = #{claimedBy}, claim_expires_at = #{expiresAt} WHERE id = #{id}"
                + " AND (claimed_by IS NULL OR claim_expires_at IS NULL OR claim_expires_at <= #{now}"
                + " OR claimed_by = #{claimedBy})")
        int claim(String id, String claimedBy, long expiresAt, long now);

        @Update("UPDATE work_items SET claimed_by = NULL, claim_expires_at = NULL WHERE id = #{id}"
                + " AND claimed_by = #{claimedBy}")
        int release(String id, String claimedBy);

        @SelectProvider(type = WorkItemSql.class, method = "list")
        List<WorkItemRow> list(WorkItemSql.Query query);

        @SelectProvider(type = WorkItemSql.class, method = "count")
        long countMatching(WorkItemSql.Query query);

        @Select("SELECT " + COLUMNS + " FROM work_items w WHERE w.status = 'completed' AND w.deleted_at IS NULL"
                + " AND w.archived_at IS NULL AND w.updated_at < #{cutoff} ORDER BY w.updated_at, w.id"
                + " LIMIT #{limit}")
        List<WorkItemRow> archivable(long cutoff, int limit);

        @Select("SELECT COUNT(*) FROM work_items")
        long count();

        @Select("SELECT COUNT(*) FROM work_items WHERE id = #{id}")
        int exists(String id);

        @Insert("INSERT INTO work_item_dependencies (source_id, target_id, dependency_type, created_at, created_by)"
                + " VALUES (#{sourceId}, #{targetId}, #{dependencyType}, #{createdAt}, #{createdBy})")
        int insertDependency(DependencyRow row);

        @Delete("DELETE FROM work_item_dependencies WHERE source_id = #{sourceId} AND target_id = #{targetId}"
                + " AND dependency_type = #{dependencyType}")
        int deleteDependency(String sourceId, String targetId, String dependencyType);

        @Select("SELECT target_id FROM work_item_dependencies WHERE source_id = #{id}"
                + " AND dependency_type = 'depends_on' UNION SELECT source_id FROM work_item_dependencies"
                + " WHERE target_id = #{id} AND dependency_type = 'blocks'")
        List<String> waitsOn(String id);
    }

    /** Vendors. */
    public interface VendorMapper {
        String COLUMNS = "id, version, name, status, extractor_version, metadata, created_at, updated_at, created_by,"
                + " updated_by";

        @Insert("INSERT INTO vendors (" + COLUMNS + ") VALUES (#{id}, #{version}, #{name}, #{status},"
                + " #{extractorVersion}, #{metadata}, #{createdAt}, #{updatedAt}, #{createdBy}, #{updatedBy})")
        int insert(VendorRow row);

        @Update("UPDATE vendors SET version = #{row.version}, name = #{row.name}, status = #{row.status},"
                + " extractor_version = #{row.extractorVersion}, metadata = #{row.metadata},"
                + " created_at = #{row.createdAt}, updated_at = #{row.updatedAt}, created_by = #{row.createdBy},"
                + " updated_by = #{row.updatedBy} WHERE id = #{row.id} AND version = #{expectedVersion}")
        int update(VendorRow row, long expectedVersion);

        @Select("SELECT " + COLUMNS + " FROM vendors WHERE id = #{id}")
        VendorRow get(String id);

        /** Uses the unique index on lower(name). */
        @Select("SELECT " + COLUMNS + " FROM vendors WHERE lower(name) = lower(#{name})")
        VendorRow findByName(String name);

        @Select("<script>SELECT " + COLUMNS + " FROM vendors<if test='status != null'> WHERE status = #{status}</if>"
                + " ORDER BY lower(name), id LIMIT #{limit} OFFSET #{offset}</script>")
        List<VendorRow> list(String status, int limit, int offset);

        @Select("<script>SELECT COUNT(*) FROM vendors<if test='status != null'> WHERE status = #{status}</if></script>")
        long count(String status);
    }

    /** Deployments and their ordered links. */
    public interface DeploymentMapper {
        String COLUMNS = "d.id, d.deployed_at, d.commit_hash, d.metadata, d.created_at, d.created_by";
        String FILTER = "<where><if test='vendorId != null'>EXISTS (SELECT 1 FROM deployment_vendors dv"
                + " WHERE dv.deployment_id = d.id AND dv.vendor_id = #{vendorId})</if>"
                + "<if test='workItemId != null'> AND EXISTS (SELECT 1 FROM deployment_work_items dw"
                + " WHERE dw.deployment_id = d.id AND dw.work_item_id = #{workItemId})</if>"
                + "<if test='commitHash != null'> AND d.commit_hash = #{commitHash}</if></where>";

        @Insert("INSERT INTO deployments (id, deployed_at, commit_hash, metadata, created_at, created_by) VALUES"
                + " (#{id}, #{deployedAt}, #{commitHash}, #{metadata}, #{createdAt}, #{createdBy})")
        int insert(DeploymentRow row);

        @Insert("INSERT INTO deployment_vendors (deployment_id, vendor_id, ord) VALUES (#{deploymentId},"
                + " #{vendorId}, #{ord})")
        int insertVendorLink(String deploymentId, String vendorId, int ord);

        @Insert("INSERT INTO deployment_work_items (deployment_id, work_item_id, ord) VALUES (#{deploymentId},"
                + " #{workItemId}, #{ord})")
        int insertWorkItemLink(String deploymentId, String workItemId, int ord);

        @Select("SELECT COUNT(*) FROM vendors WHERE id = #{id}")
        int vendorExists(String id);

        @Select("SELECT " + COLUMNS + " FROM deployments d WHERE d.id = #{id}")
        DeploymentRow get(String id);

        @Select("<script>SELECT " + COLUMNS + " FROM deployments d " + FILTER
                + " ORDER BY d.deployed_at DESC, d.id DESC LIMIT #{limit} OFFSET #{offset}</script>")
        List<DeploymentRow> list(String vendorId, String workItemId, String commitHash, int limit, int offset);

        @Select("<script>SELECT COUNT(*) FROM deployments d " + FILTER + "</script>")
        long count(String vendorId, String workItemId, String commitHash);

        @Select("<script>SELECT deployment_id, vendor_id AS linked_id, ord FROM deployment_vendors WHERE deployment_id IN"
                + "<foreach item='i' collection='ids' open='(' separator=',' close=')'>#{i}</foreach>"
                + " ORDER BY deployment_id, ord</script>")
        List<LinkRow> vendorLinks(Collection<String> ids);

        @Select("<script>SELECT deployment_id, work_item_id AS linked_id, ord FROM deployment_work_items"
                + " WHERE deployment_id IN"
                + "<foreach item='i' collection='ids' open='(' separator=',' close=')'>#{i}</foreach>"
                + " ORDER BY deployment_id, ord</script>")
        List<LinkRow> workItemLinks(Collection<String> ids);
    }

    /** The singleton project configuration row. */
    public interface ConfigurationMapper {
        String COLUMNS = "id, active_context_type, current_session_id, git_branch, git_head_commit,"
                + " default_token_budget, database_healthy, last_health_check_at, version, updated_at, updated_by";

        @Select("SELECT " + COLUMNS + " FROM project_configuration WHERE id = 1")
        ConfigurationRow get();

        @Insert("INSERT INTO project_configuration (" + COLUMNS + ") VALUES (#{id}, #{activeContextType},"
                + " #{currentSessionId}, #{gitBranch}, #{gitHeadCommit}, #{defaultTokenBudget}, #{databaseHealthy},"
                + " #{lastHealthCheckAt}, #{version}, #{updatedAt}, #{updatedBy})")
        int insert(ConfigurationRow row);

        @Update("UPDATE project_configuration SET active_context_type = #{row.activeContextType},"
                + " current_session_id = #{row.currentSessionId}, git_branch = #{row.gitBranch},"
                + " git_head_commit = #{row.gitHeadCommit}, default_token_budget = #{row.defaultTokenBudget},"
                + " database_healthy = #{row.databaseHealthy}, last_health_check_at = #{row.lastHealthCheckAt},"
                + " version = #{row.version}, updated_at = #{row.updatedAt}, updated_by = #{row.updatedBy}"
                + " WHERE id = 1 AND version = #{expectedVersion}")
        int update(ConfigurationRow row, long expectedVersion);
    }

    /** Future enhancements. */
    public interface EnhancementMapper {
        String COLUMNS = "id, version, title, description, priority, status, target_quarter,"
                + " constitutional_principles, created_at, updated_at, created_by, updated_by";

        @Insert("INSERT INTO enhancements (" + COLUMNS + ") VALUES (#{id}, #{version}, #{title}, #{description},"
                + " #{priority}, #{status}, #{targetQuarter}, #{constitutionalPrinciples}, #{createdAt}, #{updatedAt},"
                + " #{createdBy}, #{updatedBy})")
        int insert(EnhancementRow row);

        @Update("UPDATE enhancements SET version = #{row.version}, title = #{row.title},"
                + " description = #{row.description}, priority = #{row.priority}, status = #{row.status},"
                + " target_quarter = #{row.targetQuarter}, constitutional_principles = #{row.constitutionalPrinciples},"
                + " created_at = #{row.createdAt}, updated_at = #{row.updatedAt}, created_by = #{row.createdBy},"
                + " updated_by = #{row.updatedBy} WHERE id = #{row.id} AND version = #{expectedVersion}")
        int update(EnhancementRow row, long expectedVersion);

        @Select("SELECT " + COLUMNS + " FROM enhancements WHERE id = #{id}")
        EnhancementRow get(String id);

        @Select("<script>SELECT " + COLUMNS + " FROM enhancements<if test='status != null'> WHERE status = #{status}</if>"
                + " ORDER BY priority, CASE WHEN target_quarter IS NULL THEN 1 ELSE 0 END, target_quarter,"
                + " created_at, id LIMIT #{limit} OFFSET #{offset}</script>")
        List<EnhancementRow> list(String status, int limit, int offset);

        @Select("<script>SELECT COUNT(*) FROM enhancements<if test='status != null'> WHERE status = #{status}</if>"
                + "</script>")
        long count(String status);
    }

    /** The append-only audit log. */
    public interface AuditMapper {
        String COLUMNS = "seq, id, entity_type, entity_id, operation, actor, event_at, before_json, after_json";


        @Select("SELECT " + COLUMNS + " FROM audit_events WHERE entity_type = #{entityType}"
                + " AND entity_id = #{entityId} ORDER BY seq")
        List<AuditRow> history(String entityType, String entityId);

        @Select("SELECT " + COLUMNS + " FROM audit_events ORDER BY seq LIMIT #{limit} OFFSET #{offset}")
        List<AuditRow> all(int limit, int offset);

        @Select("SELECT COUNT(*) FROM audit_events")
        long count();
    }

    /** Outbox and sync conflicts. */
    public interface OutboxMapper {
        @Insert("INSERT INTO outbox (queued_at, payload) VALUES (#{queuedAt}, #{payload})")
        int insert(long queuedAt, String payload);

        @Select("SELECT seq, queued_at, payload FROM outbox ORDER BY seq LIMIT #{limit}")
        List<OutboxRow> pending(int limit);

        @Delete("DELETE FROM outbox WHERE seq = #{seq}")
        int delete(long seq);

        @Insert("INSERT INTO sync_conflicts (id, entity_type, entity_id, base_version, their_version, detected_at,"
                + " mine, theirs, mutation) VALUES (#{id}, #{entityType}, #{entityId}, #{baseVersion},"
                + " #{theirVersion}, #{detectedAt}, #{mine}, #{theirs}, #{mutation})")
        int insertConflict(ConflictRow row);

        @Select("SELECT id, entity_type, entity_id, base_version, their_version, detected_at, mine, theirs, mutation"
                + " FROM sync_conflicts ORDER BY detected_at, id")
        List<ConflictRow> conflicts();

        @Select("SELECT id, entity_type, entity_id, base_version, their_version, detected_at, mine, theirs, mutation"
                + " FROM sync_conflicts WHERE id = #{id}")
        ConflictRow conflict(String id);

        @Delete("DELETE FROM sync_conflicts WHERE id = #{id}")
        int deleteConflict(String id);
    }
}
