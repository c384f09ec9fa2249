package dev.workstate.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A dependency link between two work items. {@code (A, B, BLOCKS)}: A blocks B. {@code (A, B, DEPENDS_ON)}: A depends on
 * B. Either way one item "waits on" the other; see {@link #waiter()} and {@link #waitedOn()}.
 *
 * <p>Immutable; thread-safe.
 */
public record Dependency(UUID sourceId, UUID targetId, DependencyType dependencyType, Instant createdAt,
                         String createdBy) {

    /** The item that cannot proceed until {@link #waitedOn()} is done. */
    public UUID waiter() {
        return dependencyType == DependencyType.BLOCKS ? targetId : sourceId;
    }

    /** The item that must be finished first. */
    public UUID waitedOn() {
        return dependencyType == DependencyType.BLOCKS ? sourceId : targetId;
    }
}
