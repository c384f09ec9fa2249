package dev.workstate.port;

import dev.workstate.model.ItemType;
import dev.workstate.model.WorkItemStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * Validated criteria of a work-item list query, as the store executes it. Results are ordered newest change first
 * ({@code updated_at} desc, then {@code id} desc), or by search rank first when {@code query} is given.
 *
 * @param itemType null for any
 * @param status null for any
 * @param parentId direct children of this item; null for any
 * @param rootOnly only items without parent
 * @param readyOnly only ready items (active, nothing it waits on active or blocked, not claimed by someone other than
 *                  {@code viewer} at {@code now})
 * @param query full-text query (terms ANDed, case-insensitive whole-word match over title, description and metadata
 *              text), null for none
 * @param includeDeleted include soft-deleted items
 * @param includeArchived include archived items
 * @param viewer the client asking (for the ready view); may be null
 * @param now the instant claims are judged at
 * @param limit page size (services bound it to 1..100 for clients; internal callers may ask for more)
 * @param offset page offset, at least 0
 */
public record WorkItemFilter(ItemType itemType, WorkItemStatus status, UUID parentId, boolean rootOnly,
                             boolean readyOnly, String query, boolean includeDeleted, boolean includeArchived,
                             String viewer, Instant now, int limit, int offset) {

    /** Every live (not deleted, not archived) item, no paging. */
    public static WorkItemFilter allLive(Instant now) {
        return new WorkItemFilter(null, null, null, false, false, null, false, false, null, now, Integer.MAX_VALUE, 0);
    }
}
