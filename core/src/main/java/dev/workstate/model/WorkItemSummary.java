package dev.workstate.model;

import java.time.Instant;
import java.util.UUID;

/**
 * The short form of a work item returned by list views and hierarchy queries unless full detail is asked for.
 *
 * <p>Immutable; thread-safe.
 */
public record WorkItemSummary(UUID id, long version, ItemType itemType, String title, WorkItemStatus status,
                              UUID parentId, String path, int depth, String claimedBy, Instant deletedAt,
                              Instant updatedAt) {

    public static WorkItemSummary of(WorkItem w) {
        return new WorkItemSummary(w.id(), w.version(), w.itemType(), w.title(), w.status(), w.parentId(), w.path(),
                w.depth(), w.claimedBy(), w.deletedAt(), w.updatedAt());
    }
}
