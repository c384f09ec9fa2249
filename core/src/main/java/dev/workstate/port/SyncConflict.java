package dev.workstate.port;

import java.time.Instant;
import java.util.UUID;

/**
 * A queued change that could not be replayed because the record moved on in the higher layer. Both sides are kept
 * (as JSON) until a user resolves it.
 *
 * @param mine the record as the queued change would have written it
 * @param theirs the record as it is now in the higher layer
 *
 * <p>Immutable; thread-safe.
 */
public record SyncConflict(UUID id, String entityType, String entityId, long baseVersion, long theirVersion,
                           Instant detectedAt, String mine, String theirs, Mutation mutation) {
}
