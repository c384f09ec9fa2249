package dev.workstate.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A vendor extractor (a component whose health is tracked). Names are unique case-insensitively.
 *
 * <p>Immutable; thread-safe.
 */
public record Vendor(UUID id, long version, String name, VendorStatus status, String extractorVersion,
                     VendorMetadata metadata, Instant createdAt, Instant updatedAt, String createdBy,
                     String updatedBy) {
}
