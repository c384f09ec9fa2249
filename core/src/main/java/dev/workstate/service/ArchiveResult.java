package dev.workstate.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an archive run did: items archived, the cutoff used, and the archived ids.
 *
 * <p>Immutable; thread-safe.
 */
public record ArchiveResult(int archivedCount, Instant cutoff, List<UUID> archivedIds) {
}
