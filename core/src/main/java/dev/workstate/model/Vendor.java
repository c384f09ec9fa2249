package dev.workstate.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A vendor extractor (a component whose health is tracked). Names are unique case-insensitively; metadata is always
 * present.
 *
 * <p>Immutable; thread-safe.
 */
public record Vendor(UUID id, long version, String name, VendorStatus status, String extractorVersion,
                     VendorMetadata metadata, Instant createdAt, Instant updatedAt, String createdBy,
                     String updatedBy) {
    /**
     * @throws IllegalArgumentException without metadata: every vendor has complete metadata (the SQL stores' column
     *     is NOT NULL, the status report reads it), so no store may be handed one without
     */
    public Vendor {
        if (metadata == null) {
            throw new IllegalArgumentException("vendor metadata is required");
        }
    }
}
