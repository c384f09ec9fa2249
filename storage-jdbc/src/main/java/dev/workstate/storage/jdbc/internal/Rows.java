package dev.workstate.storage.jdbc.internal;

import dev.workstate.internal.Json;
import dev.workstate.internal.SearchText;
import dev.workstate.model.AuditEvent;
import dev.workstate.model.ContextType;
import dev.workstate.model.Dependency;
import dev.workstate.model.DependencyType;
import dev.workstate.model.DeploymentMetadata;
import dev.workstate.model.Enhancement;
import dev.workstate.model.EnhancementStatus;
import dev.workstate.model.EntityType;
import dev.workstate.model.ItemType;
import dev.workstate.model.ProjectConfiguration;
import dev.workstate.model.Vendor;
import dev.workstate.model.VendorMetadata;
import dev.workstate.model.VendorStatus;
import dev.workstate.model.WorkItem;
import dev.workstate.model.WorkItemOutline;
import dev.workstate.model.WorkItemStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.core.type.TypeReference;

/**
 * Flat row shapes of each table (JDBC-native field types, mapped by column name through MyBatis'
 * underscore-to-camel-case rule) and their conversions to and from the domain records. Times are epoch milliseconds.
 *
 * <p>Rows are mutable and confined to one call; the static helpers are thread-safe.
 */
public final class Rows {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private Rows() {
    }

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    static UUID uuid(String s) {
        return s == null ? null : UUID.fromString(s);
    }

    /** Wire name → constant, per enum type: row mapping is a hot path, so no stream per lookup. */
    private static final ClassValue<Map<String, Object>> WIRE = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> m = new java.util.HashMap<>();
            for (Object e : type.getEnumConstants()) {
                m.put(e.toString(), e); // every enum of the model prints its wire name
            }
            return m;
        }
    };

    private static <E extends Enum<E>> E wire(Class<E> type, String value, Function<E, String> wireOf) {
        E e = type.cast(WIRE.get(type).get(value));
        if (e == null || !wireOf.apply(e).equals(value)) {
            e = Arrays.stream(type.getEnumConstants()).filter(c -> wireOf.apply(c).equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown " + type.getSimpleName() + " in store"));
        }
        return e;
    }

    private static Map<String, Object> metadataOf(String json) {
        return json == null || json.equals("{}") ? Map.of() : Json.mapper().readValue(json, MAP);
    }

    /** Row of {@code work_items}. */
    public static final class WorkItemRow {
        public String id;
        public Long version;
        public String itemType;
        public String title;
        public String description;
        public String status;
        public String parentId;
        public String path;
        public Integer depth;
        public String branchName;
        public String commitHash;
        public Integer prNumber;
        public String metadata;
        public String metadataText;
        public String claimedBy;
        public Long claimExpiresAt;
        public Long deletedAt;
        public Long archivedAt;
        public Long createdAt;
        public Long updatedAt;
        public String createdBy;
        public String updatedBy;

        public static WorkItemRow of(WorkItem w) {
            WorkItemRow r = new WorkItemRow();
            r.id = str(w.id());
            r.version = w.version();
            r.itemType = w.itemType().wire();
            r.title = w.title();
            r.description = w.description();
            r.status = w.status().wire();
            r.parentId = str(w.parentId());
            r.path = w.path();
            r.depth = w.depth();
            r.branchName = w.branchName();
            r.commitHash = w.commitHash();
            r.prNumber = w.prNumber();
            r.metadata = Json.write(w.metadata());
            r.metadataText = SearchText.metadataText(w.metadata());
            r.claimedBy = w.claimedBy();
            r.claimExpiresAt = millis(w.claimExpiresAt());
            r.deletedAt = millis(w.deletedAt());
            r.archivedAt = millis(w.archivedAt());
            r.createdAt = millis(w.createdAt());
            r.updatedAt = millis(w.updatedAt());
            r.createdBy = w.createdBy();
            r.updatedBy = w.updatedBy();
            return r;
        }

        public WorkItem toModel() {
            return new WorkItem(uuid(id), version, wire(ItemType.class, itemType, ItemType::wire), title, description,
                    wire(WorkItemStatus.class, status, WorkItemStatus::wire), uuid(parentId), path, depth, branchName,
                    commitHash, prNumber, metadataOf(metadata), claimedBy, instant(claimExpiresAt),
                    instant(deletedAt), instant(archivedAt), instant(createdAt), instant(updatedAt), createdBy,
                    updatedBy);
        }
    }

    /** The columns {@link #outline} reads, in its order. */
    static final String OUTLINE_COLUMNS = "id, item_type, title, status, parent_id, depth, branch_name, created_at";

    /** The outline in the current row of {@code rs}, which selects {@link #OUTLINE_COLUMNS}. */
    static WorkItemOutline outline(ResultSet rs) throws SQLException {
        return new WorkItemOutline(UUID.fromString(rs.getString(1)),
                wire(ItemType.class, rs.getString(2), ItemType::wire), rs.getString(3),
                wire(WorkItemStatus.class, rs.getString(4), WorkItemStatus::wire), uuid(rs.getString(5)),
                rs.getInt(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)));
    }

    /** Row of {@code work_item_dependencies}. */
    public static final class DependencyRow {
        public String sourceId;
        public String targetId;
        public String dependencyType;
        public Long createdAt;
        public String createdBy;

        public static DependencyRow of(Dependency d) {
            DependencyRow r = new DependencyRow();
            r.sourceId = str(d.sourceId());
            r.targetId = str(d.targetId());
            r.dependencyType = d.dependencyType().wire();
            r.createdAt = millis(d.createdAt());
            r.createdBy = d.createdBy();
            return r;
        }

        public Dependency toModel() {
            return new Dependency(uuid(sourceId), uuid(targetId),
                    wire(DependencyType.class, dependencyType, DependencyType::wire), instant(createdAt), createdBy);
        }
    }

    /** Row of {@code vendors}. */
    public static final class VendorRow {
        public String id;
        public Long version;
        public String name;
        public String status;
        public String extractorVersion;
        public String metadata;
        public Long createdAt;
        public Long updatedAt;
        public String createdBy;
        public String updatedBy;

        public static VendorRow of(Vendor v) {
            VendorRow r = new VendorRow();
            r.id = str(v.id());
            r.version = v.version();
            r.name = v.name();
            r.status = v.status().wire();
            r.extractorVersion = v.extractorVersion();
            r.metadata = Json.write(v.metadata());
            r.createdAt = millis(v.createdAt());
            r.updatedAt = millis(v.updatedAt());
            r.createdBy = v.createdBy();
            r.updatedBy = v.updatedBy();
            return r;
        }

        public Vendor toModel() {
            return new Vendor(uuid(id), version, name, wire(VendorStatus.class, status, VendorStatus::wire),
                    extractorVersion, Json.read(metadata, VendorMetadata.class), instant(createdAt),
                    instant(updatedAt), createdBy, updatedBy);
        }
    }

    /** Row of {@code deployments} (links are loaded separately). */
    public static final class DeploymentRow {
        public String id;
        public Long deployedAt;
        public String commitHash;
        public String metadata;
        public Long createdAt;
        public String createdBy;

        public static DeploymentRow of(dev.workstate.model.Deployment d) {
            DeploymentRow r = new DeploymentRow();
            r.id = str(d.id());
            r.deployedAt = millis(d.deployedAt());
            r.commitHash = d.commitHash();
            r.metadata = Json.write(d.metadata());
            r.createdAt = millis(d.createdAt());
            r.createdBy = d.createdBy();
            return r;
        }

        public dev.workstate.model.Deployment toModel(List<UUID> vendorIds, List<UUID> workItemIds) {
            return new dev.workstate.model.Deployment(uuid(id), instant(deployedAt), commitHash,
                    Json.read(metadata, DeploymentMetadata.class), vendorIds, workItemIds, instant(createdAt),
                    createdBy);
        }
    }

    /** One link row of {@code deployment_vendors} or {@code deployment_work_items}. */
    public static final class LinkRow {
        public String deploymentId;
        public String linkedId;
        public Integer ord;
    }

    /** Row of {@code project_configuration}. */
    public static final class ConfigurationRow {
        public Integer id;
        public String activeContextType;
        public String currentSessionId;
        public String gitBranch;
        public String gitHeadCommit;
        public Integer defaultTokenBudget;
        public Boolean databaseHealthy;
        public Long lastHealthCheckAt;
        public Long version;
        public Long updatedAt;
        public String updatedBy;

        public static ConfigurationRow of(ProjectConfiguration c) {
            ConfigurationRow r = new ConfigurationRow();
            r.id = c.id();
            r.activeContextType = c.activeContextType().wire();
            r.currentSessionId = str(c.currentSessionId());
            r.gitBranch = c.gitBranch();
            r.gitHeadCommit = c.gitHeadCommit();
            r.defaultTokenBudget = c.defaultTokenBudget();
            r.databaseHealthy = c.databaseHealthy();
            r.lastHealthCheckAt = millis(c.lastHealthCheckAt());
            r.version = c.version();
            r.updatedAt = millis(c.updatedAt());
            r.updatedBy = c.updatedBy();
            return r;
        }

        public ProjectConfiguration toModel() {
            return new ProjectConfiguration(id, wire(ContextType.class, activeContextType, ContextType::wire),
                    uuid(currentSessionId), gitBranch, gitHeadCommit, defaultTokenBudget,
                    databaseHealthy != null && databaseHealthy, instant(lastHealthCheckAt), version,
                    instant(updatedAt), updatedBy);
        }
    }

    /** Row of {@code enhancements}. */
    public static final class EnhancementRow {
        public String id;
        public Long version;
        public String title;
        public String description;
        public Integer priority;
        public String status;
        public String targetQuarter;
        public String constitutionalPrinciples;
        public Long createdAt;
        public Long updatedAt;
        public String createdBy;
        public String updatedBy;

        public static EnhancementRow of(Enhancement e) {
            EnhancementRow r = new EnhancementRow();
            r.id = str(e.id());
            r.version = e.version();
            r.title = e.title();
            r.description = e.description();
            r.priority = e.priority();
            r.status = e.status().wire();
            r.targetQuarter = e.targetQuarter();
            r.constitutionalPrinciples = Json.write(e.constitutionalPrinciples());
            r.createdAt = millis(e.createdAt());
            r.updatedAt = millis(e.updatedAt());
            r.createdBy = e.createdBy();
            r.updatedBy = e.updatedBy();
            return r;
        }

        public Enhancement toModel() {
            return new Enhancement(uuid(id), version, title, description, priority,
                    wire(EnhancementStatus.class, status, EnhancementStatus::wire), targetQuarter,
                    Json.mapper().readValue(constitutionalPrinciples, STRINGS), instant(createdAt),
                    instant(updatedAt), createdBy, updatedBy);
        }
    }

    /** Row of {@code audit_events}. */
    public static final class AuditRow {
        public Long seq;
        public String id;
        public String entityType;
        public String entityId;
        public String operation;
        public String actor;
        public Long eventAt;
        public String beforeJson;
        public String afterJson;

        public static AuditRow of(AuditEvent e) {
            AuditRow r = new AuditRow();
            r.id = str(e.id());
            r.entityType = e.entityType().wire();
            r.entityId = e.entityId();
            r.operation = e.operation();
            r.actor = e.actor();
            r.eventAt = millis(e.at());
            r.beforeJson = e.before();
            r.afterJson = e.after();
            return r;
        }

        public AuditEvent toModel() {
            return new AuditEvent(uuid(id), wire(EntityType.class, entityType, EntityType::wire), entityId, operation,
                    actor, instant(eventAt), beforeJson, afterJson);
        }
    }

    /** Row of {@code outbox}. */
    public static final class OutboxRow {
        public Long seq;
        public Long queuedAt;
        public String payload;
    }

    /** Row of {@code sync_conflicts}. */
    public static final class ConflictRow {
        public String id;
        public String entityType;
        public String entityId;
        public Long baseVersion;
        public Long theirVersion;
        public Long detectedAt;
        public String mine;
        public String theirs;
        public String mutation;
    }
}
