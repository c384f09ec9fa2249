package dev.workstate.service;

/**
 * A list request in client terms (validated by {@link WorkItemService#list}): limit 1-100 (default 50), offset at
 * least 0 (default 0). {@code viewer} is the client asking, so the ready view can leave out items others have claimed.
 *
 * <p>Immutable; thread-safe.
 */
public record WorkItemQuery(String itemType, String status, String parentId, boolean rootOnly, boolean ready,
                            String query, boolean includeDeleted, boolean includeArchived, Integer limit,
                            Integer offset, String viewer) {

    /** The default query: live items, newest change first, first page of 50. */
    public static WorkItemQuery all() {
        return new WorkItemQuery(null, null, null, false, false, null, false, false, null, null, null);
    }
}
