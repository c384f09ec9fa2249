package dev.workstate.model;

import java.time.Instant;
import java.util.UUID;

/**
 * The single project configuration of a store, created with defaults on first open. {@code id} is always 1.
 *
 * <p>Immutable; thread-safe.
 */
public record ProjectConfiguration(int id, ContextType activeContextType, UUID currentSessionId, String gitBranch,
                                   String gitHeadCommit, int defaultTokenBudget, boolean databaseHealthy,
                                   Instant lastHealthCheckAt, long version, Instant updatedAt, String updatedBy) {
    public static final int DEFAULT_TOKEN_BUDGET = 200_000;

    /** The configuration a fresh store starts with. */
    public static ProjectConfiguration defaults(Instant now, String by) {
        return new ProjectConfiguration(1, ContextType.FEATURE, null, null, null, DEFAULT_TOKEN_BUDGET, true, now, 1,
                now, by);
    }
}
