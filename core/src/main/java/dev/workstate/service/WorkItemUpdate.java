package dev.workstate.service;

import java.util.Map;
import java.util.Optional;

/**
 * A request to change a work item at a known version. Each {@code Optional} field is tri-state: {@code null} leaves the
 * field unchanged, {@code Optional.empty()} clears it (sets it to null), a value sets it. Clearing {@code parentId} moves
 * the item to the root; {@code deletedAt} takes an ISO-8601 instant or {@code NOW()}; {@code restore} clears
 * {@code deleted_at}.
 *
 * <p>Immutable; thread-safe.
 */
public record WorkItemUpdate(String id, Long version, String updatedBy, Optional<String> title,
                             Optional<String> description, Optional<String> status,
                             Optional<Map<String, Object>> metadata, Optional<String> parentId,
                             Optional<String> branchName, Optional<String> commitHash, Optional<Integer> prNumber,
                             Optional<String> deletedAt, boolean restore) {

    public static Builder builder(String id, Long version) {
        return new Builder(id, version);
    }

    /** Builder for {@link WorkItemUpdate}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Long version;
        private String updatedBy;
        private Optional<String> title;
        private Optional<String> description;
        private Optional<String> status;
        private Optional<Map<String, Object>> metadata;
        private Optional<String> parentId;
        private Optional<String> branchName;
        private Optional<String> commitHash;
        private Optional<Integer> prNumber;
        private Optional<String> deletedAt;
        private boolean restore;

        private Builder(String id, Long version) {
            this.id = id;
            this.version = version;
        }

        public Builder updatedBy(String v) { updatedBy = v; return this; }
        public Builder title(String v) { title = Optional.ofNullable(v); return this; }
        public Builder description(String v) { description = Optional.ofNullable(v); return this; }
        public Builder status(String v) { status = Optional.ofNullable(v); return this; }
        public Builder metadata(Map<String, Object> v) { metadata = Optional.ofNullable(v); return this; }
        public Builder parentId(String v) { parentId = Optional.ofNullable(v); return this; }
        public Builder branchName(String v) { branchName = Optional.ofNullable(v); return this; }
        public Builder commitHash(String v) { commitHash = Optional.ofNullable(v); return this; }
        public Builder prNumber(Integer v) { prNumber = Optional.ofNullable(v); return this; }
        public Builder deletedAt(String v) { deletedAt = Optional.ofNullable(v); return this; }
        public Builder restore(boolean v) { restore = v; return this; }

        public WorkItemUpdate build() {
            return new WorkItemUpdate(id, version, updatedBy, title, description, status, metadata, parentId,
                    branchName, commitHash, prNumber, deletedAt, restore);
        }
    }
}
