package dev.workstate.error;

import java.util.Map;

/**
 * The named record does not exist (or is hidden, e.g. archived, from the asked view).
 *
 * <p>Immutable; thread-safe.
 */
public final class NotFoundException extends WorkstateException {
    public NotFoundException(String entityType, String key) {
        super(ErrorCode.NOT_FOUND, entityType + " not found: " + key, Map.of("entity_type", entityType, "id", key));
    }
}
