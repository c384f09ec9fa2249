package dev.workstate.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimistic-lock check failed: the record moved on since the caller read it. Nothing was changed.
 *
 * <p>Immutable; thread-safe.
 */
public final class VersionConflictException extends WorkstateException {
    private final long expectedVersion;
    private final long currentVersion;
    private final transient Object current;

    /**
     * @param entityType e.g. {@code WorkItem}, {@code Vendor}
     * @param current the current record (serialised into the details by frontends)
     */
    public VersionConflictException(String entityType, String entityId, long expectedVersion, long currentVersion,
                                    String lastUpdatedBy, Object current) {
        super(ErrorCode.VERSION_CONFLICT,
                "version mismatch on " + entityType + " " + entityId + ": expected " + expectedVersion
                        + " but current is " + currentVersion + " (modified by " + lastUpdatedBy + ")",
                details(entityType, entityId, expectedVersion, currentVersion, lastUpdatedBy, current));
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
        this.current = current;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }

    /** The record as it is now in the store. */
    public Object current() {
        return current;
    }

    private static Map<String, Object> details(String type, String id, long expected, long currentVersion,
                                               String by, Object current) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("entity_type", type);
        d.put("entity_id", id);
        d.put("expected_version", expected);
        d.put("current_version", currentVersion);
        d.put("last_updated_by", by);
        d.put("current", current);
        return d;
    }
}
