package dev.workstate.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A planned future enhancement; priority 1 (highest) to 5.
 *
 * <p>Immutable; thread-safe.
 */
public record Enhancement(UUID id, long version, String title, String description, int priority,
                          EnhancementStatus status, String targetQuarter, List<String> constitutionalPrinciples,
                          Instant createdAt, Instant updatedAt, String createdBy, String updatedBy) {
    public Enhancement {
        constitutionalPrinciples = constitutionalPrinciples == null ? List.of() : List.copyOf(constitutionalPrinciples);
    }
}
