package dev.workstate.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A work item: a node of the project hierarchy (project, session, task or research) with typed metadata, optional git
 * references, a lease-based claim, soft-delete and archive markers, and audit fields.
 *
 * <p>{@code path} is the materialised path of ids from the root ({@code /root/child/...}), {@code depth} is 0 for a root
 * and at most 5. {@code metadata} is an unmodifiable, validated map (numbers are {@code Long} or {@code Double}).
 * Claims do not change {@code version}: a claim is a lease, not a content change.
 *
 * <p>Immutable; thread-safe.
 */
public record WorkItem(
        UUID id,
        long version,
        ItemType itemType,
        String title,
        String description,
        WorkItemStatus status,
        UUID parentId,
        String path,
        int depth,
        String branchName,
        String commitHash,
        Integer prNumber,
        Map<String, Object> metadata,
        String claimedBy,
        Instant claimExpiresAt,
        Instant deletedAt,
        Instant archivedAt,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy) {

    public static final int MAX_DEPTH = 5;

    public WorkItem {
        metadata = metadata == null ? Map.of() : Metadata.freeze(metadata);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    /** True when someone holds an unexpired lease on this item at {@code now}. */
    public boolean isClaimedAt(Instant now) {
        return claimedBy != null && claimExpiresAt != null && claimExpiresAt.isAfter(now);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder for {@link WorkItem}; not thread-safe. */
    public static final class Builder {
        private UUID id;
        private long version = 1;
        private ItemType itemType;
        private String title;
        private String description;
        private WorkItemStatus status = WorkItemStatus.ACTIVE;
        private UUID parentId;
        private String path;
        private int depth;
        private String branchName;
        private String commitHash;
        private Integer prNumber;
        private Map<String, Object> metadata = Map.of();
        private String claimedBy;
        private Instant claimExpiresAt;
        private Instant deletedAt;
        private Instant archivedAt;
        private Instant createdAt;
        private Instant updatedAt;
        private String createdBy;
        private String updatedBy;

        private Builder() {
        }

        private Builder(WorkItem w) {
            id = w.id;
            version = w.version;
            itemType = w.itemType;
            title = w.title;
            description = w.description;
            status = w.status;
            parentId = w.parentId;
            path = w.path;
            depth = w.depth;
            branchName = w.branchName;
            commitHash = w.commitHash;
            prNumber = w.prNumber;
            metadata = w.metadata;
            claimedBy = w.claimedBy;
            claimExpiresAt = w.claimExpiresAt;
            deletedAt = w.deletedAt;
            archivedAt = w.archivedAt;
            createdAt = w.createdAt;
            updatedAt = w.updatedAt;
            createdBy = w.createdBy;
            updatedBy = w.updatedBy;
        }

        public Builder id(UUID v) { id = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder itemType(ItemType v) { itemType = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder status(WorkItemStatus v) { status = v; return this; }
        public Builder parentId(UUID v) { parentId = v; return this; }
        public Builder path(String v) { path = v; return this; }
        public Builder depth(int v) { depth = v; return this; }

        /**
         * Places the item under {@code parent} (null: a root): parent id, path and depth, which the hierarchy derives
         * from the parent's own. Needs the id set first.
         */
        public Builder under(WorkItem parent) {
            if (id == null) {
                throw new IllegalStateException("set the id before placing the item");
            }
            parentId = parent == null ? null : parent.id();
            path = parent == null ? "/" + id : parent.path() + "/" + id;
            depth = parent == null ? 0 : parent.depth() + 1;
            return this;
        }
        public Builder branchName(String v) { branchName = v; return this; }
        public Builder commitHash(String v) { commitHash = v; return this; }
        public Builder prNumber(Integer v) { prNumber = v; return this; }
        public Builder metadata(Map<String, Object> v) { metadata = v; return this; }
        public Builder claimedBy(String v) { claimedBy = v; return this; }
        public Builder claimExpiresAt(Instant v) { claimExpiresAt = v; return this; }
        public Builder deletedAt(Instant v) { deletedAt = v; return this; }
        public Builder archivedAt(Instant v) { archivedAt = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder createdBy(String v) { createdBy = v; return this; }
        public Builder updatedBy(String v) { updatedBy = v; return this; }

        public WorkItem build() {
            return new WorkItem(id, version, itemType, title, description, status, parentId, path, depth, branchName,
                    commitHash, prNumber, metadata, claimedBy, claimExpiresAt, deletedAt, archivedAt, createdAt,
                    updatedAt, createdBy, updatedBy);
        }
    }
}
