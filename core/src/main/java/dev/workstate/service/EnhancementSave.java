package dev.workstate.service;

import java.util.List;

/**
 * Create ({@code id} null) or versioned update ({@code id} and {@code version}) of a future enhancement. On update,
 * null fields keep their stored value.
 *
 * <p>Immutable; thread-safe.
 */
public record EnhancementSave(String id, Long version, String title, String description, Integer priority,
                              String status, String targetQuarter, List<String> constitutionalPrinciples,
                              String updatedBy) {
}
