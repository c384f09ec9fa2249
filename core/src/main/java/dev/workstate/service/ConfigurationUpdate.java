package dev.workstate.service;

import java.util.Optional;

/**
 * A request to change some configuration fields. Tri-state {@code Optional}s as in {@link WorkItemUpdate}: null
 * unchanged, empty cleared, value set. {@code expectedVersion} is optional; when given, a mismatch is VERSION_CONFLICT.
 *
 * <p>Immutable; thread-safe.
 */
public record ConfigurationUpdate(Optional<String> activeContextType, Optional<String> currentSessionId,
                                  Optional<String> gitBranch, Optional<String> gitHeadCommit,
                                  Optional<Integer> defaultTokenBudget, Long expectedVersion, String updatedBy) {
}
