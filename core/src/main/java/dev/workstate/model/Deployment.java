package dev.workstate.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An append-only deployment event with its links to vendors and work items (in the order given).
 *
 * <p>Immutable; thread-safe.
 */
public record Deployment(UUID id, Instant deployedAt, String commitHash, DeploymentMetadata metadata,
                         List<UUID> vendorIds, List<UUID> workItemIds, Instant createdAt, String createdBy) {
    public Deployment {
        vendorIds = vendorIds == null ? List.of() : List.copyOf(vendorIds);
        workItemIds = workItemIds == null ? List.of() : List.copyOf(workItemIds);
    }
}
