package dev.workstate.port;

import java.util.UUID;

/**
 * Criteria of a deployment list: newest first ({@code deployed_at} desc, then id desc); null filters match all.
 *
 * <p>Immutable; thread-safe.
 */
public record DeploymentFilter(UUID vendorId, UUID workItemId, String commitHash, int limit, int offset) {
}
