package dev.workstate.model;

import java.time.Instant;
import java.util.UUID;

/**
 * The outline of a work item: the few fields the status report prints for every live item (no description, metadata,
 * path or audit fields), so stores can read it without loading and parsing whole records.
 *
 * <p>Immutable; thread-safe.
 */
public record WorkItemOutline(UUID id, ItemType itemType, String title, WorkItemStatus status, UUID parentId,
                              int depth, String branchName, Instant createdAt) {

    public static WorkItemOutline of(WorkItem w) {
        return new WorkItemOutline(w.id(), w.itemType(), w.title(), w.status(), w.parentId(), w.depth(),
                w.branchName(), w.createdAt());
    }
}
