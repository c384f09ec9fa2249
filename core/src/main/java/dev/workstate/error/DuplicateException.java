package dev.workstate.error;

import java.util.Map;

/**
 * A record with the same unique key already exists (e.g. a vendor name, compared case-insensitively).
 *
 * <p>Immutable; thread-safe.
 */
public final class DuplicateException extends WorkstateException {
    public DuplicateException(String entityType, String key, String existingId) {
        super(ErrorCode.DUPLICATE, entityType + " already exists: " + key,
                Map.of("entity_type", entityType, "key", key, "existing_id", existingId == null ? "" : existingId));
    }
}
