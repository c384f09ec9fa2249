package dev.workstate.port;

import dev.workstate.error.ErrorCode;
import dev.workstate.error.WorkstateException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A guarded {@link Mutation.UpdateWorkItem} found the item at another place in the hierarchy than the path it was
 * based on (an ancestor moved after the caller read it). Nothing was changed. Services re-read and retry; a replayed
 * update records it as a conflict. Reported as {@link ErrorCode#VERSION_CONFLICT} should it ever reach a client: the
 * record moved on since it was read.
 *
 * <p>Immutable; thread-safe.
 */
public final class StalePathException extends WorkstateException {

    public StalePathException(String itemId, String expectedPath, String currentPath) {
        super(ErrorCode.VERSION_CONFLICT, "work item " + itemId + " moved in the hierarchy since it was read",
                details(itemId, expectedPath, currentPath));
    }

    private static Map<String, Object> details(String id, String expected, String current) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("entity_type", "WorkItem");
        d.put("entity_id", id);
        d.put("expected_path", expected);
        d.put("current_path", current);
        return d;
    }
}
